/// Work stopped because its `Cancellation` was requested.
public struct Cancelled: Error, CustomStringConvertible, Sendable {
  public init() {}
  public var description: String { "stopped on request" }
}
