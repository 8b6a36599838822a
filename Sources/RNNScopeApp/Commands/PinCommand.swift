/// `pin [LABEL…]`: the gradient profile shown kept, in grey under the next ones.
struct PinCommand: Command {
  static let definition = CommandDefinition(
    name: "pin", arguments: "[LABEL…]",
    help: "keep the gradient profile shown, drawn in grey under the next ones (p)",
    examples: ["pin", "pin tanh, before training"], takesRestOfLine: true)

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    .pin(label: w.rest.isEmpty ? nil : w.rest)
  }
}
