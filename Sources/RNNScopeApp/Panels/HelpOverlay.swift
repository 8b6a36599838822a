import RNNViews

/// The box of every key, over the middle of the screen.
struct HelpOverlay: ScopePanel {
  /// The keys listed, in order.
  var bindings = KeyMap.bindings

  /// Draws the box centred in `r` (the whole screen).
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let keyW = bindings.map { $0.keys.count }.max()! + 2
    let textW = bindings.map { $0.action.count }.max()!
    let w = min(r.width - 2, keyW + textW + 4)
    let h = min(r.height - 2, bindings.count + 4)
    let box = Rect(x: r.x + (r.width - w) / 2, y: r.y + (r.height - h) / 2, width: w, height: h)
    let bg: TermColor = theme.color ? .rgb(RGB(24, 24, 34)) : .standard
    g.fill(box, Cell(" ", bg: bg))
    g.frame(box, title: "keys", style: theme, focused: true)
    for (i, k) in bindings.enumerated() where box.y + 1 + i < box.maxY - 2 {
      g.text(box.x + 2, box.y + 1 + i, k.keys, fg: theme.accent, bg: bg, bold: true)
      g.text(
        box.x + 2 + keyW, box.y + 1 + i, k.action, fg: theme.text, bg: bg,
        maxWidth: box.width - keyW - 4)
    }
    g.text(box.x + 2, box.maxY - 2, "any key closes this help", fg: theme.dim, bg: bg)
  }
}
