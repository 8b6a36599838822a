import RNNCore

/// `pad [N]`: N padded steps.
struct PadCommand: Command {
  static let definition = CommandDefinition(
    name: "pad", arguments: "[N]", count: Limits.count,
    help: "take N padded steps (mask 0): the state carries over, no loss",
    examples: ["pad", "pad 3"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    .pad(count: try w.count())
  }
}
