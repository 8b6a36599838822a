/// `quit`.
struct QuitCommand: Command {
  static let definition = CommandDefinition(
    name: "quit", help: "leave rnnscope", examples: ["quit"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action { .quit(exitCode: 0) }
}
