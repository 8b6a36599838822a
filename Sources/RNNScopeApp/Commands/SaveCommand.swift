/// `save weights|session FILE`.
struct SaveCommand: Command {
  static let definition = CommandDefinition(
    name: "save", arguments: SavedKind.allCases.map(\.rawValue).joined(separator: "|") + " FILE",
    help: "save the weights (safetensors) or the whole session (JSON + safetensors)",
    words: SavedKind.allCases.map(\.rawValue),
    examples: ["save weights model.safetensors", "save session lesson"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    let (kind, path) = try fileWords(w)
    return .save(kind, path: path)
  }

  /// weights|session and the file (the rest of the words, spaces and all), resolved against the
  /// command's folder.
  static func fileWords(_ w: CommandWords) throws -> (SavedKind, String) {
    guard w.positional.count >= 2, let kind = SavedKind(rawValue: w.positional[0]) else {
      throw w.usageError
    }
    return (kind, w.context.path(w.positional[1...].joined(separator: " ")))
  }
}
