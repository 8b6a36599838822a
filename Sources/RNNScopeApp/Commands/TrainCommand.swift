import RNNCore

/// `train [N | stop]`: training in the background (headless: N steps on the spot).
struct TrainCommand: Command {
  static let definition = CommandDefinition(
    name: "train", arguments: "[N | stop]", count: Limits.trainSteps,
    help: "train in the background (N steps, or until stopped)", words: ["stop"],
    examples: ["train 5", "train stop"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    if w.positional.first == "stop" { return .stopTraining }
    // Headless there is no "until stopped": 100 steps unless told.
    if w.context.headless { return .train(steps: try w.count(default: 100)) }
    return .train(steps: w.positional.isEmpty ? nil : try w.count())
  }
}
