import RNNCore

/// One command of the language, as swift-argument-parser's `ParsableCommand` is one command of a
/// CLI: its definition (name, usage, help, options with their ranges, examples) and a parse step
/// that turns its words into an `Action`. `help`, completion and the parser all read the one
/// definition, so none can drift from the others.
public protocol Command: Sendable {
  static var definition: CommandDefinition { get }
  /// The action the words ask for; throws `CommandError` naming what is wrong. Reads `state` only
  /// to check values against it (a cursor within the steps taken).
  static func parse(_ words: CommandWords, state: ScopeState) throws -> Action
}
