/// `view PANEL|all [zoom] [SECTION]`: a panel brought on screen (others give way), zoomed if asked;
/// the heatmap scrolled to a section (`view heatmap f`). For sessions, to show what a caption names.
struct ViewCommand: Command {
  static let panels = PanelID.allCases.map(\.rawValue)
  static let definition = CommandDefinition(
    name: "view", arguments: "PANEL|all [zoom] [SECTION]",
    help:
      "bring a panel on screen (others give way) and focus it; zoom fills the screen with it; "
      + "for the heatmap, SECTION (h, h1…, c, f, i, o, z, r; a lower layer's c1, f1…) scrolls to that state or gate; "
      + "view all: every panel, none zoomed",
    words: panels + ["all", "zoom"],
    examples: ["view spectrum", "view gradient zoom", "view heatmap h", "view all"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    let words = w.positional.map { $0.lowercased() }
    guard let first = words.first else { throw w.usageError }
    var d = ViewDirection()
    if first == "all" {
      guard words.count == 1 else { throw w.usageError }
      return .view(d)
    }
    guard let panel = PanelID(rawValue: first) else {
      throw CommandError(
        "no panel '\(first)': the panels are \(panels.joined(separator: ", ")) (or all)")
    }
    d.panel = panel
    for word in words.dropFirst() {
      if word == "zoom" {
        d.zoom = true
      } else if panel == .heatmap {
        let names = HeatmapSections.names(state.config)
        guard let i = HeatmapSections.index(of: word, state.config) else {
          throw CommandError(
            "the heatmap has no section '\(word)': this model's are "
              + names.joined(separator: ", "))
        }
        d.section = i
      } else {
        throw w.usageError
      }
    }
    return .view(d)
  }
}
