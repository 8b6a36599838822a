import RNNCore

/// `axis auto|lock [from=N] [to=N]`: the gradient panel's log axis set by what it shows, or held.
struct AxisCommand: Command {
  static let from = CommandOption.whole("from", Limits.decade).meaning(
    "the held axis' lowest decade, 10^N")
  static let to = CommandOption.whole("to", Limits.decade).meaning(
    "the held axis' highest decade, 10^N")
  static let definition = CommandDefinition(
    name: "axis", arguments: "auto|lock",
    help: "the gradient axis: set by the profiles shown, or held (from, to: its decades, 10^N)",
    options: [from, to], words: ["auto", "lock"],
    examples: ["axis lock", "axis lock from=-24 to=1", "axis auto"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    let lo = try w.int(from)
    let hi = try w.int(to)
    switch w.positional.first?.lowercased() {
    case "auto":
      guard lo == nil, hi == nil else { throw CommandError("axis auto takes no from= or to=") }
      return .axis(.auto)
    case "lock":
      switch (lo, hi) {
      case (nil, nil): return .axis(.lock(nil))
      case (let l?, let h?):
        guard l < h else { throw CommandError("axis lock needs from= below to= (got \(l), \(h))") }
        return .axis(.lock(l...h))
      default: throw CommandError("axis lock takes both from=N and to=N, or neither")
      }
    default: throw w.usageError
    }
  }
}
