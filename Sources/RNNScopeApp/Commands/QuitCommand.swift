/// `quit`.
struct QuitCommand: Command {
  static let configuration = CommandConfiguration(
    name: "quit", usage: "quit", help: "leave rnnscope", examples: ["quit"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action { .quit(exitCode: 0) }
}
