import Foundation
import RNNCore
import RNNFormats
import Testing

@testable import RNNScopeApp

/// `load weights` in the visualizer with a model that does not fit the task says what the model
/// reads: an embedding model's tokens, not its embedding width.
struct WeightsLoadTests {
  @Test func anEmbeddingModelThatDoesNotFitNamesItsTokens() throws {
    let path = NSTemporaryDirectory() + "rnnscope-embed-\(getpid()).safetensors"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let config = ModelConfig(
      cell: .lstm, inputSize: 5, hiddenSize: 6, outputSize: 9, embeddingCount: 9)
    try ModelWeights.save(Model(config: config, seed: 3), to: path)
    var s = try ScopeState()
    let before = s.model.parameters
    guard case .error(let e) = CommandLanguage.execute("load weights \(path)", on: &s) else {
      Issue.record("a model of 9 tokens was taken for the 29-character text")
      return
    }
    #expect(e.contains("the model reads 9 tokens (embedded in 5) and predicts 9"), "\(e)")
    #expect(e.contains("this task has \(s.task.inputSize) input values"))
    #expect(s.model.parameters == before, "nothing changed")
  }
}
