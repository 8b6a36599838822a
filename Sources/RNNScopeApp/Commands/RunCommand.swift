/// `run`: step to the end of the sequence.
struct RunCommand: Command {
  static let definition = CommandDefinition(
    name: "run", help: "step to the end of the sequence", examples: ["run"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action { .runToEnd }
}
