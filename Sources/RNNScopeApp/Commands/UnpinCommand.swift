/// `unpin`: the pinned gradient profile let go.
struct UnpinCommand: Command {
  static let definition = CommandDefinition(
    name: "unpin", help: "drop the pinned gradient profile (P)", examples: ["unpin"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action { .unpin }
}
