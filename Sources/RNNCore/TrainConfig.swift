/// Everything that decides a training run.
public struct TrainConfig: Sendable {
  public var cell: CellKind = .rnn
  public var activation: Activation = .tanh
  public var hidden = 64
  public var layers = 1
  /// An embedding's width for token tasks (nil or 0: one-hot inputs).
  public var embed: Int? = nil
  public var initialization = Initialization()
  public var optimizer: OptimizerKind = .adam
  public var learningRate: Double? = nil
  public var momentum = 0.0
  /// Clip the global gradient norm to this (0 = off).
  public var clipNorm = 0.0
  /// Clip every gradient entry to ±this (0 = off).
  public var clipValue = 0.0
  public var batch = 32
  public var steps = 1000
  public var seed: UInt64 = 1
  public var bptt: BPTTMode = .full

  public init() {}
}
