/// The heatmap's colours held in a saved session: ±`signed` for h and c, `gates` [lower, upper],
/// and the range they were taken under.
public struct SessionHeldColors: Codable, Sendable, Equatable {
  public var signed: Double
  public var gates: [Double]
  public var from: String

  package init(signed: Double, gates: [Double], from: String) {
    self.signed = signed
    self.gates = gates
    self.from = from
  }
}
