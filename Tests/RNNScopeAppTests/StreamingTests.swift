import Foundation
import Testing

@testable import RNNCore
@testable import RNNFormats
@testable import RNNScopeApp
@testable import RNNViews

/// A long text streams through the visualizer: the tape keeps a window, the views show it, nothing
/// breaks.
@Suite struct StreamingTests {
  @Test func aLongTextStreamsThroughAWindow() throws {
    var o = ScopeOptions()
    o.hidden = 8
    // 1,350 characters
    o.text = String(repeating: "the quick brown fox jumps over the lazy dog. ", count: 30)
    o.tapeWindow = 50
    var s = try ScopeState(options: o)
    s.runToEnd()
    #expect(s.stepsTaken == 1349 && s.maxSteps == 1349)
    #expect(s.pass.steps.count < 100 && s.firstKept > 1200)
    // The state is the one an unwindowed pass reaches.
    var full = ForwardPass(model: s.model)
    for t in 0..<s.maxSteps { full.step(s.example.inputs[t], target: s.example.targets[t]) }
    #expect(full.hidden == s.pass.hidden)
    // Backward reaches the window's start and says so; the gradient view and readout draw.
    s.backward(animate: false)
    #expect(s.message?.contains("were forgotten") == true)
    #expect(s.gradientNorms(layer: 0)?.count == s.pass.steps.count)
    var frame = ScopeFrame(s, width: 160, height: 50)
    let g = ScopeScreen.render(frame, theme: Theme())
    #expect(g.text.contains("step 1349/1349"))
    #expect(g.text.contains("t=1349"))
    #expect(g.text.contains("t=\(s.firstKept + 1):"))
    // The cursor stops at the first step kept (also under ←); stepping back works inside the
    // window.
    s.moveCursor(to: 0)
    #expect(s.cursor == s.firstKept)
    _ = s.handle(.left)
    #expect(s.cursor == s.firstKept && s.message?.contains("were forgotten") == true)
    frame = ScopeFrame(s, width: 160, height: 50, previous: frame)
    _ = ScopeScreen.render(frame, theme: Theme())
    let before = s.stepsTaken
    s.stepBack()
    #expect(s.stepsTaken == before - 1)
    #expect(s.record(s.firstKept - 1) == nil && s.record(s.firstKept) != nil)
  }

  @Test func theWindowFollowsTheModelsSize() {
    let small = ModelConfig(inputSize: 30, hiddenSize: 16, outputSize: 30)
    let large = ModelConfig(
      cell: .lstm, inputSize: 30, hiddenSize: 512, numLayers: 4, outputSize: 30)
    #expect(SessionState.tapeWindow(small) == 20_000)
    let w = SessionState.tapeWindow(large)
    #expect(w >= 256 && w < 1000)
  }
}

/// Overflowing activations are reported where they first appear, and the gradients after them too.
@Suite struct OverflowReportTests {
  @Test func aReluNetworkThatExplodesIsReported() throws {
    var o = ScopeOptions()
    o.hidden = 8
    o.activation = .relu
    o.initialization = Initialization(scheme: .pytorch, forgetBias: nil, radius: 100)
    o.text = String(repeating: "abcdefgh", count: 60)
    var s = try ScopeState(options: o)
    var firstBad: Int? = nil
    while s.stepForward() {
      if s.message?.contains("overflowed") == true {
        firstBad = s.stepsTaken
        break
      }
    }
    let t = try #require(firstBad)
    #expect(t > 50 && t < 400)
    #expect(
      s.message?.hasPrefix("step \(t): h_t holds Inf") == true
        || s.message?.hasPrefix("step \(t): h_t holds NaN") == true)
    // The step before was finite: the report names the first step that overflowed.
    #expect(s.record(t - 2)!.hidden[0].allSatisfy { $0.isFinite })
    s.backward(animate: false)
    #expect(s.message?.contains("some gradients are") == true)
  }
}

/// Weights whose vocabulary does not fit the task are refused before anything runs on them.
@Suite struct LoadWeightsFitTests {
  @Test func anEmbeddingOfTheWrongSizeIsRefused() throws {
    var s = try ScopeState()
    let path = NSTemporaryDirectory() + "rnnscope-embedding-\(getpid()).safetensors"
    defer { unlink(path) }
    let c = ModelConfig(
      inputSize: 4, hiddenSize: 6, outputSize: s.task.outputSize, embeddingCount: 5)
    try ModelWeights.save(Model(config: c, seed: 2), to: path, dtype: .f64)
    #expect(throws: WeightsError.self) { try s.loadWeights(from: path) }
    #expect(s.model.config.embeddingCount == nil)  // the model is unchanged
  }
}
