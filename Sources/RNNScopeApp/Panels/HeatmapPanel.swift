import RNNViews

/// The heatmaps of hidden states and gates, units × time, with the cursor row and the legends.
struct HeatmapPanel: ScopePanel {
  /// Every section the model has; the first `shown` fit.
  var sections: [HeatmapSection]
  var shown: Int
  var units: Int
  /// Whether the cell has gates (their legend is drawn).
  var gated: Bool
  var columns: TimeColumns
  var cursor: Int
  var stepsTaken: Int
  var focused: Bool
  /// Truncated BPTT's windows, marked on the time row, when the last backward pass was truncated.
  var windows: WindowMarks? = nil

  /// Draws the frame, the sections that fit (top down), the cursor row and the legends.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let gutter = TimeColumns.gutter
    let secs = sections.prefix(shown)
    let title =
      secs.count == 1
      ? "\(secs[0].name) · units × time"
      : secs.map {
        $0.label.count == 1 && $0.name.hasSuffix("gate \($0.label)") ? $0.name : $0.label
      }.joined(separator: " · ") + " · units × time"
    g.frame(r, title: title, style: theme, focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 3 else { return }
    let rowsFor = (units + 1) / 2
    var y = inner.y
    let mapBottom = inner.maxY - 2
    for sec in secs {
      guard y < mapBottom else { break }
      var map = Heatmap(columns: sec.columns, units: units)
      map.columnWidth = columns.width
      map.firstColumn = 0  // the sections start at the first column in view
      map.sequential = sec.sequential
      let need = map.rowsNeeded(theme: theme)
      let rows = min(need, mapBottom - y)
      g.text(inner.x, y, String(sec.label.prefix(gutter - 1)), fg: theme.title, bold: true)
      if rows > 1 {
        let unitsShown = theme.color ? min(units, rows * 2) : rows
        let last = "\(unitsShown - 1)"
        g.text(inner.x + gutter - 1 - last.count, y + rows - 1, last, fg: theme.dim)
      }
      map.draw(
        into: &g, Rect(x: inner.x + gutter, y: y, width: inner.width - gutter, height: rows),
        theme: theme)
      y += min(rows, rowsFor)
    }
    windows?.draw(into: &g, inner, y: inner.maxY - 2, columns: columns, label: false, theme: theme)
    columns.drawCursorRow(
      into: &g, inner, y: inner.maxY - 2, cursor: cursor, stepsTaken: stepsTaken, theme: theme)
    drawLegends(into: &g, inner, theme: theme)
    if stepsTaken == 0 {
      g.text(
        inner.x + gutter, inner.y + 1, "Space or → steps the network through the sequence",
        fg: theme.dim, maxWidth: inner.width - gutter)
    }
  }

  /// The bottom row: the value scale, the gate scale, and how many sections did not fit.
  func drawLegends(into g: inout CellGrid, _ inner: Rect, theme: Theme) {
    let gutter = TimeColumns.gutter
    let legendY = inner.maxY - 1
    g.text(inner.x, legendY, "value", fg: theme.dim)
    DivergingLegend(limit: 1).draw(
      into: &g, x: inner.x + gutter, y: legendY, width: min(26, inner.width - gutter), theme: theme)
    if gated && inner.width > gutter + 56 {
      let x = inner.x + gutter + 28
      g.text(x, legendY, "gates 0", fg: theme.dim)
      for i in 0..<12 {
        let f = Double(i) / 11
        if theme.color {
          g.put(
            x + 8 + i, legendY, theme.glyphs.unicode ? "█" : "#", fg: .rgb(Colormap.sequential(f)))
        } else {
          g.put(x + 8 + i, legendY, Colormap.monoShade(f))
        }
      }
      g.text(x + 21, legendY, "1", fg: theme.dim)
    }
    if sections.count > shown && inner.width > 40 {
      let note = "+\(sections.count - shown) more (z zooms)"
      g.text(inner.maxX - note.count, legendY, note, fg: theme.dim)
    }
  }
}
