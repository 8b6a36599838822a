import Foundation
import RNNCore
import RNNFormats

/// Weights saved and loaded alone (safetensors).
extension ScopeState {
  func saveWeights(to path: String) throws {
    try ModelWeights.save(
      model, to: path, dtype: .f64, extraMetadata: ModelWeights.metadata(for: task))
  }

  /// Loads weights that fit the current task (input and output sizes); the steps are replayed.
  mutating func loadWeights(from path: String) throws {
    try adopt(ModelWeights.load(path: path), file: path)
  }

  /// What a model reads: an embedding model its tokens (not its embedding width).
  static func reads(_ c: ModelConfig) -> String {
    c.embeddingCount.map { "\($0) tokens (embedded in \(c.inputSize))" } ?? "\(c.inputSize)"
  }

  /// Takes a loaded model when it fits the task and the visualizer's limits; the steps are
  /// replayed.
  mutating func adopt(_ m: Model, file path: String) throws {
    guard m.config.tokenCount == task.inputSize, m.config.outputSize == task.outputSize else {
      throw WeightsError(
        file: path, tensor: nil,
        problem: "the model reads " + Self.reads(m.config) + " and predicts "
          + "\(m.config.outputSize); this task has \(task.inputSize) input "
          + "\(task.inputSize == 1 ? "value" : "values") and \(task.outputSize) to predict")
    }
    let c = m.config
    guard Limits.hidden.contains(c.hiddenSize), Limits.layers.contains(c.numLayers) else {
      throw WeightsError(
        file: path, tensor: nil,
        problem: "hidden \(c.hiddenSize) × \(c.numLayers) layers; the visualizer "
          + "takes hidden \(Limits.hidden.bounds) and layers \(Limits.layers.bounds)")
    }
    let need = SessionState.estimatedBytes(c, steps: maxSteps, batch: options.batch)
    if let refusal = ResourceEstimate.refusal(need) {
      throw WeightsError(file: path, tensor: nil, problem: refusal)
    }
    stopTraining()
    cancelReplay()
    session.model = m
    session.options.cell = m.config.cell
    session.options.hidden = m.config.hiddenSize
    session.options.layers = m.config.numLayers
    session.options.activation = m.config.activation
    replay()
    moveCursor(to: cursor)
  }
}
