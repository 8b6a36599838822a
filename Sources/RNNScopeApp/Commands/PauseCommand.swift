/// `pause`: a presentation waits for Space.
struct PauseCommand: Command {
  static let configuration = CommandConfiguration(
    name: "pause", usage: "pause", help: "a presentation waits here for Space",
    examples: ["pause"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action { .pause }
}
