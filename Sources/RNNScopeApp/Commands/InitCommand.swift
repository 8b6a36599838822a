import RNNCore

/// `init SCHEME [radius=R] [forget-bias=B]`: the weights drawn again.
struct InitCommand: Command {
  static let radius = CommandOption.real("radius", Limits.radius, as: "R").meaning(
    "W_hh scaled to this spectral radius ρ")
  static let forgetBias = CommandOption.real("forget-bias", Limits.forgetBias, as: "B").meaning(
    "LSTM: the forget gate's bias (1 or 2 keeps f near 1)")
  static let definition = CommandDefinition(
    name: "init", arguments: InitScheme.allCases.map(\.rawValue).joined(separator: "|"),
    help: "re-initialise the weights", options: [radius, forgetBias],
    words: InitScheme.allCases.map(\.rawValue),
    examples: ["init orthogonal radius=0.9", "init pytorch forget-bias=1"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    guard let k = w.positional.first else { throw w.usageError }
    return .initialize(
      Initialization(
        scheme: try w.choice(k, InitScheme.allCases, "initialisation"),
        forgetBias: try w.double(forgetBias), radius: try w.double(radius)))
  }
}
