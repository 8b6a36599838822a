/// `say TEXT…`: narration, which may quote live values (`{rho}`, `{grad.last[1]}`: CaptionValues).
struct SayCommand: Command {
  static let definition = CommandDefinition(
    name: "say", arguments: "TEXT…",
    help:
      "narration: a caption in the visualizer, a line headless; several before a pause make one "
      + "caption; {name} quotes a live value: "
      + CaptionValues.names.map { "{\($0.name)} \($0.meaning)" }.joined(separator: ", "),
    examples: ["say The gradient vanishes.", "say ρ = {rho}; at t = 1 it is {grad.last[1]}."],
    takesRestOfLine: true)

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    if let field = CaptionValues.unknown(in: w.rest) {
      throw CommandError(CaptionValues.refusal(field))
    }
    return .say(w.rest)
  }
}
