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
  /// What stands for the value in the usage ("N", "PANEL"); nil: a one-of option's values.
  public let placeholder: String?
  /// What the values mean, when their names do not say it (help shows it after them).
  public var meaning: String? = nil

  public static func whole(_ name: String, _ limit: Limits.Whole, as p: String = "N")
    -> CommandOption
  {
    CommandOption(name: name, values: .whole(limit), placeholder: p)
  }
  public static func real(_ name: String, _ limit: Limits.Real, as p: String = "X")
    -> CommandOption
  {
    CommandOption(name: name, values: .real(limit), placeholder: p)
  }
  public static func oneOf(
    _ name: String, _ all: [String], as p: String? = nil, meaning: String? = nil
  ) -> CommandOption {
    CommandOption(name: name, values: .oneOf(all), placeholder: p, meaning: meaning)
  }
  public static func text(_ name: String, as p: String = "TEXT") -> CommandOption {
    CommandOption(name: name, values: .text, placeholder: p)
  }

  /// "[hidden=N]", "[cell=rnn|lstm|gru]": the option as the usage shows it.
  public var usage: String {
    if let p = placeholder { return "[\(name)=\(p)]" }
    guard case .oneOf(let all) = values else { return "[\(name)=…]" }
    return "[\(name)=\(all.joined(separator: "|"))]"
  }

  /// "hidden: a whole number from 1 to 512"
  public var explanation: String {
    switch values {
    case .whole(let l): return "\(name): a whole number \(l.bounds)"
    case .real(let l): return "\(name): a number \(l.rule)"
    case .oneOf(let all):
      return "\(name): one of \(all.joined(separator: ", "))" + (meaning.map { " (\($0))" } ?? "")
    case .text: return "\(name): text (the rest of the line)"
    }
  }
}
