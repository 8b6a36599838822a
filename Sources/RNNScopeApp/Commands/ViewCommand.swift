/// `view PANEL|all [zoom] [SECTION]`: a panel brought on screen (others give way), zoomed if asked;
/// the heatmap scrolled to a section (`view heatmap f`). For sessions, to show what a caption
/// names.
struct ViewCommand: Command {
  static let panels = PanelID.allCases.map(\.rawValue)
  static let definition = CommandDefinition(
    name: "view", arguments: "PANEL|all [zoom] [SECTION]",
    help:
      "bring a panel on screen (others give way) and focus it; zoom fills the screen with it; "
      + "for the heatmap, SECTION (h, c, f, i, o, z, r; in a stacked model numbered by layer, "
      + "h2, h1, c2, f1…, as find names them; unnumbered, the top layer's) scrolls to that "
      + "state or gate; "
      + "for the trajectory, A,B the two principal components (1,2 at first); "
      + "view all: every panel, none zoomed",
    words: panels + ["all", "zoom"],
    examples: [
      "view spectrum", "view gradient zoom", "view heatmap h", "view trajectory 1,3", "view all",
    ])

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
      } else if panel == .trajectory {
        // Two principal components, counted from 1: `1,3` or `pc1,pc3`.
        let pcs = word.replacingOccurrences(of: "pc", with: "").split(separator: ",")
          .map { Int($0) }
        guard pcs.count == 2, let a = pcs[0], let b = pcs[1], a >= 1, b >= 1, a != b else {
          throw CommandError(
            "view trajectory: name two different principal components, e.g. 1,3 (got \(word))")
        }
        d.components = [a - 1, b - 1]
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
