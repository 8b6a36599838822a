/// `unpin [panel=gradient|loss]`: the pinned gradient profile or loss curves let go.
struct UnpinCommand: Command {
  static let panel = CommandOption.oneOf(
    "panel", [ComparedPanel.gradient, .loss].map(\.rawValue),
    meaning: "what is let go; default the focused one of the two, else the gradient")
  static let definition = CommandDefinition(
    name: "unpin", help: "drop the pinned gradient profile or loss curves (u)", options: [panel],
    examples: ["unpin", "unpin panel=loss"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    guard w.positional.isEmpty else { throw w.usageError }
    let p = try w.choice(panel, [ComparedPanel.gradient, .loss], "panel")
    return .unpin(panel: p)
  }
}
