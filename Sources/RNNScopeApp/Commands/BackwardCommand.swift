import RNNCore

/// `backward [animate] [k1=N k2=N]`: BPTT over the steps taken, full or truncated.
struct BackwardCommand: Command {
  static let k1 = CommandOption.whole("k1", Limits.truncation).meaning(
    "truncated BPTT: steps between backward passes")
  static let k2 = CommandOption.whole("k2", Limits.truncation).meaning(
    "truncated BPTT: steps each backward pass goes back")
  static let definition = CommandDefinition(
    name: "backward", arguments: "[animate]",
    help: "BPTT over the steps taken (k1, k2: truncated BPTT)", options: [k1, k2],
    words: ["animate"], examples: ["backward", "backward animate", "backward k1=5 k2=10"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    var mode = BPTTMode.full
    if w.options["k1"] != nil || w.options["k2"] != nil {
      guard let k1 = try w.int(k1), let k2 = try w.int(k2), k2 >= k1 else {
        throw CommandError("truncated BPTT needs k1=N and k2=N with 1 ≤ k1 ≤ k2")
      }
      mode = .truncated(k1: k1, k2: k2)
    }
    // Headless, there is no one to watch the walk back.
    return .backward(animate: !w.context.headless && w.positional.first == "animate", mode: mode)
  }
}
