/// `pause`: a presentation waits for Space.
struct PauseCommand: Command {
  static let definition = CommandDefinition(
    name: "pause", help: "a presentation waits here for Space",
    examples: ["pause"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action { .pause }
}
