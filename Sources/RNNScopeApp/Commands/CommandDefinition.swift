import RNNCore

/// What a command is called, what it does and what it accepts; its usage line is made from these,
/// so it names exactly the options, words and ranges the parser takes.
public struct CommandDefinition: Sendable {
  public let name: String
  /// The positional part of the usage, as shown ("[N]", "weights|session FILE").
  public let arguments: String
  public let help: String
  /// The count N a command takes, if any, and the counts allowed.
  public let count: Limits.Whole?
  /// Its key=value options, each with the values it accepts.
  public let options: [CommandOption]
  /// Words Tab completes after the name (task kinds, reports …).
  public let words: [String]
  /// Lines it accepts, for help and for the test that every usage parses.
  public let examples: [String]
  /// The rest of the line is one argument, spaces and all (say, text).
  public let takesRestOfLine: Bool

  public init(
    name: String, arguments: String = "", count: Limits.Whole? = nil, help: String,
    options: [CommandOption] = [], words: [String] = [], examples: [String],
    takesRestOfLine: Bool = false
  ) {
    self.name = name
    self.arguments = arguments
    self.help = help
    self.count = count
    self.options = options
    self.words = words
    self.examples = examples
    self.takesRestOfLine = takesRestOfLine
  }

  /// "model [cell=rnn|lstm|gru] [hidden=N] …": the name, the arguments, each option's form.
  public var usage: String {
    ([name, arguments] + options.map(\.usage)).filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// What help says of each argument and option: "N: a whole number from 1 to 100000", …
  public var explanations: [String] {
    (count.map { ["N: a whole number \($0.bounds)"] } ?? []) + options.map(\.explanation)
  }
}
