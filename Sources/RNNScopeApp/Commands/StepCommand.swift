import RNNCore

/// `step [N]`: N forward steps.
struct StepCommand: Command {
  static let definition = CommandDefinition(
    name: "step", arguments: "[N]", count: Limits.count, help: "take N forward steps (default 1)",
    examples: ["step", "step 5"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    .step(count: try w.count())
  }
}
