import RNNViews

/// What shows instead of the panels when the terminal is below the minimum size.
struct TooSmallNotice: ScopePanel {
  /// The size needed.
  var minWidth = ScopeLayout.minWidth
  var minHeight = ScopeLayout.minHeight

  /// Draws the notice centred in `r` (the whole screen), with `r`'s size as the size the
  /// terminal has.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let lines = [
      "terminal too small: need \(minWidth)×\(minHeight)",
      "have \(r.width)×\(r.height)",
      "enlarge the window (q quits)",
    ]
    for (i, line) in lines.enumerated() {
      g.text(
        r.x + max(0, (r.width - line.count) / 2), r.y + r.height / 2 - 1 + i, line,
        fg: i == 0 ? theme.error : theme.text, bold: i == 0)
    }
  }
}
