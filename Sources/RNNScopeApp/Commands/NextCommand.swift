/// `next`: a new sequence.
struct NextCommand: Command {
  static let definition = CommandDefinition(
    name: "next", help: "a new sequence from the task", examples: ["next"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action { .nextSequence }
}
