import RNNCore

/// A key=value option and the values it takes.
public struct CommandOption: Sendable {
  public enum Values: Sendable {
    case whole(Limits.Whole)
    case real(Limits.Real)
    case oneOf([String])
    case text
  }

  public let name: String
  public let values: Values

  public static func whole(_ name: String, _ limit: Limits.Whole) -> CommandOption {
    CommandOption(name: name, values: .whole(limit))
  }
  public static func real(_ name: String, _ limit: Limits.Real) -> CommandOption {
    CommandOption(name: name, values: .real(limit))
  }
  public static func oneOf(_ name: String, _ all: [String]) -> CommandOption {
    CommandOption(name: name, values: .oneOf(all))
  }
  public static func text(_ name: String) -> CommandOption {
    CommandOption(name: name, values: .text)
  }

  /// "hidden: a whole number from 1 to 512"
  public var explanation: String {
    switch values {
    case .whole(let l): return "\(name): a whole number \(l.bounds)"
    case .real(let l): return "\(name): a number \(l.rule)"
    case .oneOf(let all): return "\(name): one of \(all.joined(separator: ", "))"
    case .text: return "\(name): text (the rest of the line)"
    }
  }
}
