/// `step [N]`: N forward steps.
struct StepCommand: Command {
  static let configuration = CommandConfiguration(
    name: "step", usage: "step [N]", help: "take N forward steps (default 1)",
    examples: ["step", "step 5"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    .step(count: try w.count())
  }
}
