import RNNCore

/// `back [N]`: undo the last N steps.
struct BackCommand: Command {
  static let definition = CommandDefinition(
    name: "back", arguments: "[N]", count: Limits.count, help: "undo the last N steps",
    examples: ["back", "back 2"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    .back(count: try w.count())
  }
}
