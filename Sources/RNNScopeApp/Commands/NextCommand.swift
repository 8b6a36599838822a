/// `next`: a new sequence.
struct NextCommand: Command {
  static let configuration = CommandConfiguration(
    name: "next", usage: "next", help: "a new sequence from the task", examples: ["next"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action { .nextSequence }
}
