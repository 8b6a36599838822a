import RNNCore

/// `model [cell=…] [hidden=N] [layers=N] [activation=…] [embed=E] [seed=N]`: a new model.
struct ModelCommand: Command {
  static let cell = CommandOption.oneOf("cell", CellKind.allCases.map(\.rawValue)).meaning(
    "vanilla RNN, LSTM or GRU")
  static let hidden = CommandOption.whole("hidden", Limits.hidden).meaning(
    "hidden units per layer")
  static let layers = CommandOption.whole("layers", Limits.layers).meaning(
    "stacked recurrent layers")
  static let activation = CommandOption.oneOf("activation", Activation.allCases.map(\.rawValue))
    .meaning(
      "the vanilla RNN's nonlinearity φ")
  static let embed = CommandOption.whole("embed", Limits.embed).meaning(
    "tokens looked up in an embedding this wide (nn.Embedding); 0: one-hot")
  static let seed = CommandOption.whole("seed", Limits.seed).meaning(
    "the random seed of the weights and the task")
  static let definition = CommandDefinition(
    name: "model",
    help: "build a new model", options: [cell, hidden, layers, activation, embed, seed],
    examples: [
      "model cell=lstm hidden=8", "model layers=2 activation=relu seed=3",
      "model cell=lstm embed=16",
    ])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    var m = ModelChange()
    m.cell = try w.choice(cell, CellKind.allCases, "cell")
    m.hidden = try w.int(hidden)
    m.layers = try w.int(layers)
    m.embed = try w.int(embed)
    m.activation = try w.choice(activation, Activation.allCases, "activation")
    m.seed = try w.int(seed).map { UInt64($0) }
    return .model(m)
  }
}
