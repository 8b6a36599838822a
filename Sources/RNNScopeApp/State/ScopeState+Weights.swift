import Foundation
import RNNCore
import RNNFormats

/// Weights saved and loaded alone (safetensors).
extension ScopeState {
  func saveWeights(to path: String) throws {
    try ModelWeights.save(
      model, to: path, dtype: .f64, extraMetadata: ModelWeights.metadata(for: task))
  }

  /// Loads a weights file. A character model with its vocabulary (`__metadata__` "vocab") reads
  /// the text shown (or the demo text) through that vocabulary, in the file's token order, and the
  /// characters it lacks are skipped and named in the message; any other model must fit the current
  /// task (input and output sizes). The steps are replayed; nothing changes if it is refused.
  /// Returns the vocabulary opened and the text's characters it lacks (nil: the file has none).
  @discardableResult
  mutating func loadWeights(
    from path: String, names: TensorNames? = nil
  ) throws -> OpenedVocabulary? {
    let contents = try SafeTensors.read(path: path)
    let m = try ModelWeights.model(from: contents, file: path, names: names)
    guard let v = try ModelVocabulary.read(contents.metadata, model: m, file: path) else {
      try adopt(m, file: path)
      return nil
    }
    let text = task.kind == .text ? (options.text ?? demoText) : demoText
    let missing = v.missing(in: text)
    var o = options
    if task.kind != .text { o.task = nil }
    o.vocabulary = v
    o.cell = m.config.cell
    o.hidden = m.config.hiddenSize
    o.layers = m.config.numLayers
    o.activation = m.config.activation
    var next = self
    do { try next.rebuild(options: o) } catch let e as SequenceTask.Invalid {
      throw WeightsError(
        file: path, tensor: nil,
        problem: "its \(v.count) characters read too little of this text: \(e.description)")
    }
    try next.adopt(m, file: path)
    self = next
    return OpenedVocabulary(vocabulary: v, missing: missing)
  }

  /// A character model's vocabulary as `load weights` opened it, and the text's characters it
  /// lacks.
  struct OpenedVocabulary {
    let vocabulary: CharVocabulary
    let missing: [Character]

    /// What the `load weights` message adds.
    var note: String {
      var note = "; its vocabulary of \(vocabulary.count) characters, in the file's order"
      if !missing.isEmpty {
        let shown = missing.prefix(8).map { "'\(visible(String($0)))'" }.joined(separator: ", ")
        note +=
          "; the text's characters it lacks are skipped: " + shown
          + (missing.count > 8 ? " and \(missing.count - 8) more" : "")
      }
      return note
    }
  }

  /// What a model reads: an embedding model its tokens (not its embedding width).
  static func reads(_ c: ModelConfig) -> String {
    c.embeddingCount.map { "\($0) tokens (embedded in \(c.inputSize))" } ?? "\(c.inputSize)"
  }

  /// `--weights FILE` at start: the file opened as `load weights` opens it; the message says what
  /// was loaded (and, for a character model, its vocabulary and the characters skipped).
  public mutating func openWeights(_ path: String, names: TensorNames? = nil) throws -> String {
    let opened = try loadWeights(from: path, names: names)
    // The status line has one row: the file's name, and the vocabulary in brief.
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let c = model.config
    var brief = "opened \(name): \(c.cellName), hidden \(c.hiddenSize)"
    if c.numLayers > 1 { brief += " × \(c.numLayers) layers" }
    if let opened {
      brief += " · \(opened.vocabulary.count) characters, the file's order"
      if !opened.missing.isEmpty { brief += " · \(opened.missing.count) of the text's skipped" }
    }
    view.message = brief
    return "loaded \(model.config.summary) from \(path)" + (opened?.note ?? "")
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
    session.fixedPoints = nil
    session.options.cell = m.config.cell
    session.options.hidden = m.config.hiddenSize
    session.options.layers = m.config.numLayers
    session.options.activation = m.config.activation
    session.options.embed = m.config.embedWidth
    replay()
    moveCursor(to: cursor)
  }
}
