import RNNCore

/// One command of the language, as swift-argument-parser's `ParsableCommand` is one command of a
/// CLI: its configuration (name, usage, help, options with their ranges, examples) and a parse step
/// that turns its words into an `Action`. `help`, completion and the parser all read the one
/// definition, so none can drift from the others.
public protocol Command {
  static var configuration: CommandConfiguration { get }
  /// The action the words ask for; throws `CommandError` naming what is wrong. Reads `state` only to
  /// check values against it (a cursor within the steps taken).
  static func parse(_ words: CommandWords, state: ScopeState) throws -> Action
}

/// What a command is called, how it is used and what it accepts.
public struct CommandConfiguration: Sendable {
  public let name: String
  public let usage: String
  public let help: String
  /// Its key=value options, each with the values it accepts.
  public let options: [CommandOption]
  /// Words Tab completes after the name (task kinds, reports …).
  public let words: [String]
  /// Lines it accepts, for help and for the test that every usage parses.
  public let examples: [String]
  /// The rest of the line is one argument, spaces and all (say, text).
  public let takesRestOfLine: Bool

  public init(
    name: String, usage: String, help: String, options: [CommandOption] = [],
    words: [String] = [], examples: [String], takesRestOfLine: Bool = false
  ) {
    self.name = name
    self.usage = usage
    self.help = help
    self.options = options
    self.words = words
    self.examples = examples
    self.takesRestOfLine = takesRestOfLine
  }
}

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

/// A refusal, worded for the command language.
public struct CommandError: Error, Sendable {
  public let message: String
  public init(_ m: String) { message = m }
}
