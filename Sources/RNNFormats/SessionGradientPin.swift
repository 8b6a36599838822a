/// A pinned gradient profile in a saved session: its label, measure, first step and the norm per
/// step (null where it was not finite, which JSON cannot hold).
public struct SessionGradientPin: Codable, Sendable, Equatable {
  public var label: String
  public var measure: String
  public var first: Int
  public var norms: [Double?]

  package init(label: String, measure: String, first: Int, norms: [Double?]) {
    self.label = label
    self.measure = measure
    self.first = first
    self.norms = norms
  }
}
