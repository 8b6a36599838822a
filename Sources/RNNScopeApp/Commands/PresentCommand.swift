/// `present next|previous|restart|off|N`, `present session next|previous|list|N`: the presentation
/// playing moved, or another session opened.
struct PresentCommand: Command {
  static let moves = ["next", "previous", "restart", "off", "session"]
  static let definition = CommandDefinition(
    name: "present", arguments: "next|previous|restart|off|N | session next|previous|list|N",
    help:
      "a presentation: on, back a pause, from the start, left for free play, to pause N; "
      + "session …: the next or previous session beside it, the list of them, session N",
    words: moves + ["list"],
    examples: [
      "present next", "present previous", "present 2", "present off", "present session next",
      "present session list", "present session 3",
    ])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    let words = w.positional.map { $0.lowercased() }
    if words.first == "session" {
      guard words.count == 2 else { throw w.usageError }
      switch words[1] {
      case "next": return .nextSession
      case "previous": return .previousSession
      case "list": return .showSessions
      case let word:
        guard let n = Int(word), n >= 1 else { throw w.usageError }
        return .openSession(n - 1)
      }
    }
    guard words.count == 1 else { throw w.usageError }
    switch words[0] {
    case "next": return .advancePresentation
    case "previous": return .previousPause
    case "restart": return .restartPresentation
    case "off": return .leavePresentation
    case let word:
      guard let n = Int(word), n >= 1 else { throw w.usageError }
      return .goToPause(n)
    }
  }
}
