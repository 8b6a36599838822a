/// `load weights|session FILE`.
struct LoadCommand: Command {
  static let definition = CommandDefinition(
    name: "load", arguments: SavedKind.allCases.map(\.rawValue).joined(separator: "|") + " FILE",
    help: "load weights that fit the task, or a whole session",
    words: SavedKind.allCases.map(\.rawValue),
    examples: ["load weights model.safetensors", "load session lesson"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    let (kind, path) = try SaveCommand.fileWords(w)
    return .load(kind, path: path)
  }
}
