/// `cursor N`: the cursor to step N.
struct CursorCommand: Command {
  static let definition = CommandDefinition(
    name: "cursor", arguments: "N", help: "move the cursor to step N",
    examples: ["cursor 2"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    guard state.stepsTaken > 0 else { throw CommandError("no steps taken yet") }
    return .cursor(to: try w.count(default: 1, max: state.stepsTaken) - 1)
  }
}
