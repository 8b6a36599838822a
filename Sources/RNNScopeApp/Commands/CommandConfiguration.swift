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
