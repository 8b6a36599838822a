/// `help [COMMAND]`. (Tab completes the command names after it: see `CommandLanguage.completions`.)
struct HelpCommand: Command {
  static let definition = CommandDefinition(
    name: "help", arguments: "[COMMAND]", help: "list the commands, or explain one",
    examples: ["help", "help model"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    guard let c = w.positional.first else { return .help(command: nil) }
    guard CommandLanguage.command(named: c) != nil else {
      let names = CommandLanguage.definitions.map(\.name)
      throw CommandError("no command '\(c)'" + CommandLanguage.suggestion(c, among: names))
    }
    return .help(command: c)
  }
}
