import RNNCore

/// `split [cell=…] [activation=…] [hidden=N] [layers=N] [init=…] [radius=R] [forget-bias=B]
/// [label=…]` and `split off`: a second model beside the first, on the same sequence and seed,
/// stepped with it; its options are `model`'s and `init`'s.
struct SplitCommand: Command {
  static let scheme = CommandOption.oneOf("init", InitScheme.allCases.map(\.rawValue)).meaning(
    "the second model's weights drawn with this scheme, as init draws them")
  static let label = CommandOption.text("label", as: "WORDS").meaning(
    "what the second model is called on screen; 'A vs B' names both (default: what differs)")
  static let definition = CommandDefinition(
    name: "split", arguments: "[off]",
    help:
      "compare a second model, built as model and init build one, on the same sequence and seed: "
      + "both step together, their gradients on one axis (| or split off closes)",
    options: [
      ModelCommand.cell, ModelCommand.activation, ModelCommand.hidden, ModelCommand.layers,
      scheme, InitCommand.radius, InitCommand.forgetBias, label,
    ],
    words: ["off"],
    examples: [
      "split activation=sigmoid", "split cell=gru hidden=8", "split layers=2",
      "split forget-bias=1 label=f≈0.5 vs f≈0.73",
      "split init=orthogonal radius=1.1", "split off",
    ])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    if let first = w.positional.first {
      guard first.lowercased() == "off", w.positional.count == 1, w.options.isEmpty else {
        throw w.usageError
      }
      return .splitOff
    }
    var c = SplitChange()
    c.model.cell = try w.choice(ModelCommand.cell, CellKind.allCases, "cell")
    c.model.activation = try w.choice(ModelCommand.activation, Activation.allCases, "activation")
    c.model.hidden = try w.int(ModelCommand.hidden)
    c.model.layers = try w.int(ModelCommand.layers)
    c.scheme = try w.choice(scheme, InitScheme.allCases, "initialisation")
    c.radius = try w.double(InitCommand.radius)
    c.forgetBias = try w.double(InitCommand.forgetBias)
    c.label = w.options[label.name]
    var unchanged = c
    unchanged.label = nil
    guard unchanged != SplitChange() else {
      throw CommandError(
        "split needs something to differ: split activation=sigmoid, split cell=gru, "
          + "split forget-bias=1 … (split off closes)")
    }
    return .split(c)
  }
}
