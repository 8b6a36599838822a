/// `reset`: back to step 0.
struct ResetCommand: Command {
  static let definition = CommandDefinition(
    name: "reset", help: "back to step 0 of this sequence", examples: ["reset"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action { .reset }
}
