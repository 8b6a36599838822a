/// `say TEXT…`: narration.
struct SayCommand: Command {
  static let definition = CommandDefinition(
    name: "say", arguments: "TEXT…",
    help: "narration: a caption in the visualizer, a line headless",
    examples: ["say The gradient vanishes."], takesRestOfLine: true)

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action { .say(w.rest) }
}
