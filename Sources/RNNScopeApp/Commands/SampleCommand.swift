import RNNCore

/// `sample [N] [temperature=T] [prime=TEXT]`: characters drawn from a text model.
struct SampleCommand: Command {
  static let temperature = CommandOption.real("temperature", Limits.temperature, as: "T").meaning(
    "below 1 sharper, above 1 more random")
  static let prime = CommandOption.text("prime").meaning(
    "text the model reads before it samples")
  static let definition = CommandDefinition(
    name: "sample", arguments: "[N]", count: Limits.count,
    help: "sample N characters from a text model", options: [temperature, prime],
    examples: ["sample 40 temperature=0.5 prime=the "])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    .sample(
      count: try w.count(default: 100), temperature: try w.double(temperature) ?? 1,
      prime: w.options["prime"] ?? "")
  }
}
