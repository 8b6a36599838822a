/// `present next|previous|restart|off|N`: the presentation playing, moved.
struct PresentCommand: Command {
  static let moves = ["next", "previous", "restart", "off"]
  static let definition = CommandDefinition(
    name: "present", arguments: moves.joined(separator: "|") + "|N",
    help: "a presentation: on, back a pause, from the start, left for free play, to pause N",
    words: moves, examples: ["present next", "present previous", "present 2", "present off"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    switch w.positional.first?.lowercased() {
    case "next": return .advancePresentation
    case "previous": return .previousPause
    case "restart": return .restartPresentation
    case "off": return .leavePresentation
    case let word?:
      guard let n = Int(word), n >= 1 else { throw w.usageError }
      return .goToPause(n)
    case nil: throw w.usageError
    }
  }
}
