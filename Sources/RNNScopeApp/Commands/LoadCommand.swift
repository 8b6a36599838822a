import RNNFormats

/// `load weights|session FILE [tensors=rnn=PREFIX,fc=PREFIX]`.
struct LoadCommand: Command {
  static let tensors = CommandOption.text("tensors", as: "MAP").meaning(
    "which modules are the model's: \(TensorNames.syntax), the file's prefixes; last on the line")
  static let definition = CommandDefinition(
    name: "load", arguments: SavedKind.allCases.map(\.rawValue).joined(separator: "|") + " FILE",
    help:
      "load weights that fit the task, or a whole session; tensors= (last) says which of a "
      + "weights file's modules are the recurrent layer, the output layer and the embedding, "
      + "when its names do not settle it (e.g. an encoder and a decoder)",
    options: [tensors], words: SavedKind.allCases.map(\.rawValue),
    examples: [
      "load weights model.safetensors", "load session lesson",
      "load weights seq2seq.safetensors tensors=rnn=decoder.lstm,fc=decoder.out",
    ])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    let (kind, path) = try SaveCommand.fileWords(w)
    guard let text = w.options[tensors.name] else { return .load(kind, path: path) }
    guard kind == .weights else {
      throw CommandError("load session: tensors= is for weights files (load weights FILE …)")
    }
    do {
      return .load(kind, path: path, tensors: try TensorNames(parsing: text))
    } catch {
      throw CommandError("load weights: \(error.problem)")
    }
  }
}
