import RNNCore

/// `model [cell=…] [hidden=N] …`: what changes; the rest stays.
public struct ModelChange: Sendable, Equatable {
  public var cell: CellKind?
  public var hidden: Int?
  public var layers: Int?
  public var embed: Int?
  public var activation: Activation?
  public var seed: UInt64?
  public init() {}

  /// `o` with what is given changed (`model`, and the second model of `split`).
  func apply(to o: inout ScopeOptions) {
    if let v = cell { o.cell = v }
    if let v = hidden { o.hidden = v }
    if let v = layers { o.layers = v }
    if let v = embed { o.embed = v }
    if let v = activation { o.activation = v }
    if let v = seed { o.seed = v }
  }
}
