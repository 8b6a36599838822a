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
  /// The colours' span for h and c, and for the gates (`ColorRange.spans`).
  var signedSpan = ColorSpan.signed
  var gateSpan = ColorSpan.unit

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
      (map.lower, map.limit) =
        sec.sequential ? (gateSpan.lower, gateSpan.upper) : (-signedSpan.limit, signedSpan.limit)
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
    var values = DivergingLegend(limit: signedSpan.limit)
    values.note = signedSpan.fromData ? "(data)" : ""
    var gates = SequentialLegend(lower: gateSpan.lower, upper: gateSpan.upper)
    gates.note = gateSpan.fromData ? "(data)" : ""
    var more = sections.count > shown && inner.width > 40
    let note = more ? "+\(sections.count - shown) more (z zooms)" : ""
    // The widest bars (values', gates') with which both legends and the note fit; else both legends
    // without the note (what the colours mean comes first; the title names the sections shown);
    // else the values' alone, as wide as fits up to 20.
    func widest(_ room: Int) -> (Int, Int)? {
      [(20, 12), (16, 12), (12, 10), (10, 8), (8, 6)].first {
        values.width(bar: $0.0) + 2 + 6 + gates.width(bar: $0.1) <= room
      }
    }
    var bars = widest(inner.width - gutter - (more ? note.count + 1 : 0))
    if gated && more && bars == nil, let fit = widest(inner.width - gutter) {
      bars = fit
      more = false
    }
    let valuesBar =
      gated && bars != nil ? bars!.0 : min(20, inner.width - gutter - values.width(bar: 0))
    let valuesWidth = values.width(bar: valuesBar)
    values.draw(into: &g, x: inner.x + gutter, y: legendY, width: valuesWidth, theme: theme)
    if gated, let (_, gatesBar) = bars {
      let x = inner.x + gutter + valuesWidth + 2
      g.text(x, legendY, "gates", fg: theme.dim)
      gates.draw(into: &g, x: x + 6, y: legendY, bar: gatesBar, theme: theme)
    }
    if more { g.text(inner.maxX - note.count, legendY, note, fg: theme.dim) }
  }
}
