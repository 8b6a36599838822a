/// A key (or keys) and what it does, as the help overlay and the README list it.
public struct KeyBinding: Sendable {
  public let keys: String
  public let action: String
}
