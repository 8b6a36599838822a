/// `pin [LABEL…] [panel=gradient|loss]`: the gradient profile, or the training panel's loss and ‖∇‖
/// curves, kept in grey under the next ones.
struct PinCommand: Command {
  static let panel = CommandOption.oneOf(
    "panel", [ComparedPanel.gradient, .loss].map(\.rawValue),
    meaning: "what is kept: the gradient profile, or the training run's loss and ‖∇‖ curves;"
      + " default the focused one of the two, else the gradient")
  static let definition = CommandDefinition(
    name: "pin", arguments: "[LABEL…]",
    help: "keep the gradient profile or the loss curves shown, drawn in grey under the next"
      + " ones and labelled (p)",
    options: [panel],
    examples: ["pin", "pin tanh, before training", "pin panel=loss tanh RNN, lr 0.01"],
    takesRestOfLine: true)

  /// `panel=…` as the first or the last word of the rest of the line, and the label without it.
  static func panelWord(_ rest: String) throws -> (ComparedPanel?, String) {
    var words = rest.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    for i in [0, words.count - 1] where i >= 0 && i < words.count {
      guard words[i].lowercased().hasPrefix("panel=") else { continue }
      let v = String(words[i].dropFirst("panel=".count)).lowercased()
      guard let p = ComparedPanel(rawValue: v), p != .heatmap else {
        throw CommandError(
          "panel must be one of gradient, loss (got \(v))"
            + (v == "heatmap" ? ": a colour range is held, not pinned (set range=lock)" : ""))
      }
      words.remove(at: i)
      return (p, words.joined(separator: " "))
    }
    return (nil, rest)
  }

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    let (p, label) = try panelWord(w.rest)
    return .pin(label: label.isEmpty ? nil : label, panel: p)
  }
}
