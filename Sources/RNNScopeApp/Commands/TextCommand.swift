import RNNCore

/// `text WORDS…`: this text read character by character.
struct TextCommand: Command {
  static let definition = CommandDefinition(
    name: "text", arguments: "WORDS…",
    help: "read this text, character by character (a new model for its characters)",
    examples: ["text hello world"], takesRestOfLine: true)

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    guard w.rest.count >= 2 else { throw CommandError("text needs at least two characters") }
    guard Limits.textCharacters.contains(w.rest.count) else {
      throw CommandError(
        "text takes \(Limits.textCharacters.bounds) characters (got \(w.rest.count))")
    }
    return .text(w.rest)
  }
}
