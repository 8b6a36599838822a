import RNNCore

/// `model [cell=…] [hidden=N] …`: what changes; the rest stays.
public struct ModelChange: Sendable, Equatable {
  public var cell: CellKind?
  public var hidden: Int?
  public var layers: Int?
  public var activation: Activation?
  public var seed: UInt64?
  public init() {}
}
