import RNNCore

/// `task KIND [length=N] [delay=N] [alphabet=N] [bits=N]`: what the model reads.
struct TaskCommand: Command {
  static let length = CommandOption.whole("length", Limits.length).meaning(
    "steps per sequence")
  static let delay = CommandOption.whole("delay", Limits.delay).meaning(
    "echo and copy: steps between a token and its recall")
  static let alphabet = CommandOption.whole("alphabet", Limits.alphabet).meaning(
    "distinct input tokens")
  static let bits = CommandOption.whole("bits", Limits.taskBits).meaning(
    "flipflop: channels, each holding the sign of its last ±1 pulse (3 at first)")
  static let definition = CommandDefinition(
    name: "task", arguments: TaskKind.allCases.map(\.rawValue).joined(separator: "|"),
    help: "choose the task (text: the demo text)", options: [length, delay, alphabet, bits],
    words: TaskKind.allCases.map(\.rawValue),
    examples: [
      "task echo length=10 delay=3", "task adding", "task copy alphabet=4", "task flipflop bits=2",
    ])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    guard let k = w.positional.first else { throw w.usageError }
    var t = TaskChange(kind: try w.choice(k, TaskKind.allCases, "task"))
    t.length = try w.int(length)
    t.delay = try w.int(delay)
    t.alphabet = try w.int(alphabet)
    t.bits = try w.int(bits)
    if t.bits != nil && t.kind != .flipflop {
      throw CommandError("bits= applies to task flipflop (the channels it holds)")
    }
    return .task(t)
  }
}
