import RNNCore

/// What the visualizer is set up with: the same model and task options as `rnnscope train`.
public struct ScopeOptions: Sendable {
  public var cell: CellKind = .rnn
  public var activation: Activation = .tanh
  public var hidden = 16
  public var layers = 1
  /// An embedding's width: tokens are looked up in an nn.Embedding (nil or 0: one-hot).
  public var embed: Int? = nil
  public var initialization = Initialization()
  public var seed: UInt64 = 1
  /// nil: the built-in demo text (or `text` when given) read as one sequence.
  public var task: TaskKind? = nil
  public var length: Int? = nil
  public var delay: Int? = nil
  public var alphabet: Int? = nil
  /// flipflop: its channels (nil: 3).
  public var bits: Int? = nil
  public var text: String? = nil
  /// A text's characters in a loaded model's order (nil: the text's own, sorted).
  public var vocabulary: CharVocabulary? = nil
  public var optimizer: OptimizerKind = .adam
  public var learningRate: Double? = nil
  public var clip = 1.0
  public var batch = 16
  /// Steps the tape keeps (nil: `SessionState.tapeWindow`, by memory).
  public var tapeWindow: Int? = nil

  public init() {}
}
