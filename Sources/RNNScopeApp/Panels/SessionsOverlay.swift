import RNNViews

/// The list of sessions (L), over the middle of the screen: the one playing marked, the one
/// selected highlighted.
struct SessionsOverlay: ScopePanel {
  var menu: SessionMenu

  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let rows = menu.names.enumerated().map { i, name in
      (i < 9 ? "\(i + 1)" : " ") + "  " + name + (i == menu.playing ? "  ◀ playing" : "")
    }
    let footer = "↑↓ select · Enter or 1–9 opens · Esc closes"
    let w = min(r.width - 2, max(footer.count, rows.map(\.count).max() ?? 0) + 6)
    let h = min(r.height - 2, rows.count + 4)
    let box = Rect(x: r.x + (r.width - w) / 2, y: r.y + (r.height - h) / 2, width: w, height: h)
    let bg: TermColor = theme.color ? .rgb(RGB(24, 24, 34)) : .standard
    g.fill(box, Cell(" ", bg: bg))
    g.frame(box, title: "sessions", style: theme, focused: true)
    let visible = box.height - 4
    let first = max(0, min(menu.selected - visible + 1, rows.count - visible))
    for (i, row) in rows.enumerated().dropFirst(first).prefix(visible) {
      let selected = i == menu.selected
      g.text(
        box.x + 2, box.y + 1 + i - first, (selected ? "▶ " : "  ") + row,
        fg: selected ? theme.accent : theme.text, bg: bg, bold: selected,
        maxWidth: box.width - 4)
    }
    g.text(box.x + 2, box.maxY - 2, footer, fg: theme.dim, bg: bg, maxWidth: box.width - 4)
  }
}
