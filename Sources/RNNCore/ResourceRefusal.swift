/// A size refused because it would need more memory than the limit: the refusal with the figure.
public struct ResourceRefusal: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(description: String) { self.description = description }
}
