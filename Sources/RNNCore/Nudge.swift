/// An intervention used by gradient checks: add dh (and dc) to layer `layer`'s state after the
/// step.
public struct Nudge: Sendable {
  public var layer: Int
  public var dh: [Double]
  public var dc: [Double]?
  public init(layer: Int, dh: [Double], dc: [Double]? = nil) {
    self.layer = layer
    self.dh = dh
    self.dc = dc
  }
}
