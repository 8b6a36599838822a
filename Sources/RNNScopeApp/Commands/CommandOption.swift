import RNNCore

/// A key=value option and the values it takes.
public struct CommandOption: Sendable {
  public enum Values: Sendable {
    case whole(Limits.Whole)
    case real(Limits.Real)
    case oneOf([String])
    case text
    /// One word of a form the command reads itself (`size=COLSxROWS`).
    case word
  }

  public let name: String
  public let values: Values
  /// What stands for the value in the usage ("N", "PANEL"); nil: a one-of option's values.
  public let placeholder: String?
  /// What the option does, for `help NAME` ("the number of hidden units").
  public var meaning: String? = nil

  /// The option with what it does said, for `help NAME`.
  public func meaning(_ m: String) -> CommandOption {
    var o = self
    o.meaning = m
    return o
  }

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
  public static func word(_ name: String, as p: String) -> CommandOption {
    CommandOption(name: name, values: .word, placeholder: p)
  }

  /// "[hidden=N]", "[cell=rnn|lstm|gru]": the option as the usage shows it.
  public var usage: String {
    if let p = placeholder { return "[\(name)=\(p)]" }
    guard case .oneOf(let all) = values else { return "[\(name)=…]" }
    return "[\(name)=\(all.joined(separator: "|"))]"
  }

  /// "hidden: the number of hidden units; a whole number from 1 to 512"
  public var explanation: String {
    let what = meaning.map { $0 + "; " } ?? ""
    switch values {
    case .whole(let l): return "\(name): \(what)a whole number \(l.bounds)"
    case .real(let l): return "\(name): \(what)a number \(l.rule)"
    case .oneOf(let all): return "\(name): \(what)one of \(all.joined(separator: ", "))"
    case .text: return "\(name): \(what)text (the rest of the line)"
    case .word: return "\(name): \(what)\(placeholder ?? "one word")"
    }
  }
}
