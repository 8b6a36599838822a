/// A refusal, worded for the command language.
public struct CommandError: Error, Sendable {
  public let message: String
  public init(_ m: String) { message = m }
}
