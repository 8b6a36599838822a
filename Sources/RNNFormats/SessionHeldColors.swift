/// The heatmap's colours held in a saved session: ±`signed` for h and c, `gates` [lower, upper],
/// and the range they were taken under.
public struct SessionHeldColors: Codable, Sendable, Equatable {
  public var signed: Double
  public var gates: [Double]
  /// ±this for an LSTM's c, when it has a span of its own (absent in files written before).
  public var cell: Double?
  public var from: String

  package init(signed: Double, gates: [Double], cell: Double? = nil, from: String) {
    self.signed = signed
    self.gates = gates
    self.cell = cell
    self.from = from
  }
}
