import RNNCore
import RNNFormats

/// What of a session file only the visualizer can check: its options against ScopeOptions and the
/// visualizer's limits, and where it stood against the sequence and the model it loads.
extension SessionFile {
  /// The options the session was saved with, each checked against the visualizer's limits.
  func options(path: String) throws -> ScopeOptions {
    func refuse(_ field: String, _ value: Any, _ allowed: String) -> SessionError {
      SessionFile.refusal(path, field, "is \(value); allowed: \(allowed)")
    }
    func pick<T: RawRepresentable & CaseIterable>(_ field: String, _ v: String) throws -> T
    where T.RawValue == String {
      guard let x = T.allCases.first(where: { $0.rawValue == v }) else {
        throw refuse(field, "\"\(visible(v))\"", T.allCases.map(\.rawValue).joined(separator: ", "))
      }
      return x
    }
    func whole(_ field: String, _ v: Int?, _ limit: Limits.Whole) throws {
      if let v, !limit.contains(v) { throw refuse(field, v, limit.bounds) }
    }
    func real(_ field: String, _ v: Double?, _ limit: Limits.Real) throws {
      if let v, !limit.contains(v) { throw refuse(field, v, limit.rule) }
    }
    guard version == 1 else { throw refuse("version", version, "1") }
    guard seed <= UInt64(Limits.seed.range.upperBound) else {
      throw refuse("seed", seed, Limits.seed.bounds)
    }
    try whole("hidden", hidden, Limits.hidden)
    try whole("layers", layers, Limits.layers)
    try whole("length", length, Limits.length)
    try whole("delay", delay, Limits.delay)
    try whole("alphabet", alphabet, Limits.alphabet)
    try whole("bits", bits, Limits.taskBits)
    try whole("batch", batch, Limits.batch)
    try real("radius", radius, Limits.radius)
    try real("forgetBias", forgetBias, Limits.forgetBias)
    try real("learningRate", learningRate, Limits.learningRate)
    try real("clip", clip, Limits.clip)
    if let t = text, !Limits.textCharacters.contains(t.count) {
      throw refuse(
        "text", "\(t.count) characters long", Limits.textCharacters.bounds + " characters")
    }
    var o = ScopeOptions()
    o.cell = try pick("cell", cell)
    o.activation = try pick("activation", activation)
    if o.cell != .rnn && o.activation != .tanh {
      throw refuse(
        "activation", "\"\(activation)\"",
        "tanh for cell \(cell) (the activation applies only to rnn)")
    }
    o.hidden = hidden
    o.layers = layers
    o.seed = seed
    o.initialization = Initialization(
      scheme: try pick("initScheme", initScheme), forgetBias: forgetBias, radius: radius)
    o.task = try task.map { try pick("task", $0) }
    o.length = length
    o.delay = delay
    o.alphabet = alphabet
    o.bits = bits
    o.text = text
    o.optimizer = try pick("optimizer", optimizer)
    o.learningRate = learningRate
    o.clip = clip
    o.batch = batch
    return o
  }

  /// Where the session stood, checked against its sequence (`maxSteps`) and the model's cell.
  func progress(maxSteps: Int, cell: CellKind, path: String) throws -> (
    steps: Int, cursor: Int, measure: GradientMeasure
  ) {
    guard (0...maxSteps).contains(stepsTaken) else {
      throw SessionFile.refusal(
        path, "stepsTaken",
        "is \(stepsTaken); allowed: from 0 to \(maxSteps) (the sequence's steps)")
    }
    let lastCursor = max(0, stepsTaken - 1)
    guard (0...lastCursor).contains(cursor) else {
      throw SessionFile.refusal(path, "cursor", "is \(cursor); allowed: from 0 to \(lastCursor)")
    }
    guard Limits.trainedSteps.contains(trainedSteps) else {
      throw SessionFile.refusal(
        path, "trainedSteps", "is \(trainedSteps); allowed: \(Limits.trainedSteps.bounds)")
    }
    guard let m = GradientMeasure(rawValue: measure) else {
      throw SessionFile.refusal(
        path, "measure",
        "is \"\(visible(measure))\"; allowed: "
          + GradientMeasure.allCases.map(\.rawValue).joined(separator: ", "))
    }
    guard !m.isCellState || cell == .lstm else {
      throw SessionFile.refusal(
        path, "measure",
        "is \"\(m.rawValue)\"; allowed: last, total (only an LSTM has a cell state)")
    }
    return (stepsTaken, cursor, m)
  }

  /// Weights that are not the ones this JSON describes (another cell, size or activation), or nil.
  func mismatch(_ m: ModelConfig, _ o: ScopeOptions) -> String? {
    let activation = o.cell == .rnn ? o.activation : .tanh
    guard
      m.cell != o.cell || m.hiddenSize != o.hidden || m.numLayers != o.layers
        || m.activation != activation
    else {
      return nil
    }
    return
      "its weights \(visible(weights)) hold \(m.summary); the session describes "
      + "\(o.cell.rawValue), hidden \(o.hidden), "
      + "\(o.layers) layer\(o.layers == 1 ? "" : "s"), \(activation.rawValue)"
  }
}
