import RNNViews

/// The help over the middle of the screen: every key, then what each panel shows, in pages as
/// tall as the screen allows (→ and ← turn them).
struct HelpOverlay: ScopePanel {
  /// The keys listed, in order.
  var bindings = KeyMap.bindings
  /// The page asked for (kept within the pages there are).
  var page = 0

  /// The rows of the help, for a box `textW` cells wide for the text: (key or panel, text).
  func rows(textW: Int) -> [(String, String)] {
    // Long lines wrap under their key, so nothing is cut on a narrow screen.
    var out: [(String, String)] = []
    for b in bindings {
      for (i, line) in CaptionPanel.lines(b.action, width: textW + 1).enumerated() {
        out.append((i == 0 ? b.keys : "", line))
      }
    }
    out.append(("", ""))
    out.append(("panels", ""))
    for (panel, text) in PanelExplanations.all {
      for (i, line) in CaptionPanel.lines(text, width: textW + 1).enumerated() {
        out.append((i == 0 ? panel.rawValue : "", line))
      }
    }
    return out
  }

  /// Draws the box centred in `r` (the whole screen).
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let keyW = bindings.map { $0.keys.count }.max()! + 2
    let w = min(r.width - 2, keyW + bindings.map { $0.action.count }.max()! + 4)
    let h = min(r.height - 2, 40)
    guard w > keyW + 10, h >= 6 else { return }
    let all = rows(textW: w - keyW - 4)
    let perPage = h - 4
    let pages = (all.count + perPage - 1) / perPage
    let p = max(0, min(page, pages - 1))
    let box = Rect(x: r.x + (r.width - w) / 2, y: r.y + (r.height - h) / 2, width: w, height: h)
    let bg: TermColor = theme.color ? .rgb(RGB(24, 24, 34)) : .standard
    g.fill(box, Cell(" ", bg: bg))
    g.frame(
      box, title: pages > 1 ? "help · page \(p + 1) of \(pages)" : "help", style: theme,
      focused: true)
    for (i, row) in all.dropFirst(p * perPage).prefix(perPage).enumerated() {
      let header = row.0 == "panels" && row.1.isEmpty
      g.text(
        box.x + 2, box.y + 1 + i, row.0, fg: header ? theme.title : theme.accent, bg: bg, bold: true
      )
      g.text(
        box.x + 2 + keyW, box.y + 1 + i, row.1, fg: theme.text, bg: bg,
        maxWidth: box.width - keyW - 4)
    }
    let footer =
      pages > 1
      ? "→ next page · ← previous · any other key closes" : "any key closes this help"
    g.text(box.x + 2, box.maxY - 2, footer, fg: theme.dim, bg: bg, maxWidth: box.width - 4)
  }
}
