import RNNViews

/// The heatmaps of hidden states and gates, units × time, stacked and scrolled vertically so that
/// every unit, layer, c and gate can be reached, with the cursor row, the legends and a note of
/// what is out of view ("c 0–7 of 16 ↓ f i o").
struct HeatmapPanel: ScopePanel {
  /// Every section the model has, in order.
  var sections: [HeatmapSection]
  var units: Int
  /// The first unit in view, counting down the stacked sections (`ViewState.heatmapUnit`).
  var firstUnit: Int
  /// Whether the cell has gates (their legend is drawn).
  var gated: Bool
  var columns: TimeColumns
  var cursor: Int
  var stepsTaken: Int
  var focused: Bool
  /// Truncated BPTT's windows, marked on the time row, when the last backward pass was truncated.
  var windows: WindowMarks? = nil
  /// The colours' span for h and c, and for the gates (`ColorRange.spans`).
  var signedSpan = ColorSpan.signed
  var gateSpan = ColorSpan.unit
  /// An LSTM's c on a span of its own (nil: on `signedSpan`), named in the legend.
  var cellSpan: ColorSpan? = nil
  /// Whether the spans are held (`set range=lock`), which the legends say.
  var colorsHeld = false
  /// In a split view, whose heatmap this is: the model's label, and whether it is the second
  /// (its key glyph and colour, `GradientPanel.keys`, start the title).
  var owner: (label: String, second: Bool)? = nil

  /// One section's rows in view: section `k`, its units `units`, from the map's row `y`.
  struct Segment: Equatable {
    let k: Int
    let units: Range<Int>
    let y: Int
  }

  /// The segments in view when `mapRows` text rows show `perRow` units each: the scroll position
  /// kept within the stack (the last rows fill the panel).
  func segments(mapRows: Int, perRow: Int) -> [Segment] {
    let rowsFor = (units + perRow - 1) / perRow
    let total = sections.count * rowsFor
    let top = max(0, min(firstUnit / perRow, total - mapRows))
    var out: [Segment] = []
    var r = top
    while r < min(total, top + mapRows) {
      let k = r / rowsFor
      let j0 = r % rowsFor
      let j1 = min(rowsFor, j0 + (top + mapRows - r))
      out.append(Segment(k: k, units: (j0 * perRow)..<min(units, j1 * perRow), y: r - top))
      r += j1 - j0
    }
    return out
  }

  /// Draws the frame, the sections in view (top down), the cursor row and the legends.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let gutter = TimeColumns.gutter
    let inner = r.inset(1)
    let perRow = theme.color ? 2 : 1
    let segs = inner.height >= 3 ? segments(mapRows: inner.height - 2, perRow: perRow) : []
    let secs = segs.map { sections[$0.k] }
    let title =
      secs.count == 1
      ? "\(secs[0].name) · units × time"
      : secs.map {
        $0.label.count == 1 && $0.name.hasSuffix("gate \($0.label)") ? $0.name : $0.label
      }.joined(separator: " · ") + " · units × time"
    let keys = GradientPanel.keys(unicode: theme.glyphs.unicode)
    let said = owner.map { "\($0.second ? keys.second : keys.first) \($0.label)" }
    g.frame(
      r, title: said.map { $0 + " · " + title } ?? title, style: theme, focused: focused)
    if let said, r.width > 6, let o = owner {
      g.text(
        r.x + 3, r.y, said, fg: o.second ? theme.secondModel : theme.firstModel, bold: true,
        maxWidth: r.width - 6)
    }
    guard inner.height >= 3 else { return }
    for seg in segs {
      let sec = sections[seg.k]
      var map = Heatmap(
        columns: sec.columns.map { Array($0[seg.units]) }, units: seg.units.count)
      map.columnWidth = columns.width
      map.firstColumn = 0  // the sections start at the first column in view
      map.sequential = sec.sequential
      let signed = sec.isCellState ? (cellSpan ?? signedSpan) : signedSpan
      (map.lower, map.limit) =
        sec.sequential ? (gateSpan.lower, gateSpan.upper) : (-signed.limit, signed.limit)
      let rows = map.rowsNeeded(theme: theme)
      let y = inner.y + seg.y
      g.text(inner.x, y, String(sec.label.prefix(gutter - 1)), fg: theme.title, bold: true)
      // The unit numbers at the ends of the segment (the first only when scrolled into it).
      if seg.units.lowerBound > 0 && rows > 1 {
        let first = "\(seg.units.lowerBound)"
        g.text(inner.x + gutter - 1 - first.count, y, first, fg: theme.dim)
      }
      if rows > 1 {
        let last = "\(seg.units.upperBound - 1)"
        g.text(inner.x + gutter - 1 - last.count, y + rows - 1, last, fg: theme.dim)
      }
      map.draw(
        into: &g, Rect(x: inner.x + gutter, y: y, width: inner.width - gutter, height: rows),
        theme: theme)
    }
    windows?.draw(into: &g, inner, y: inner.maxY - 2, columns: columns, label: false, theme: theme)
    columns.drawCursorRow(
      into: &g, inner, y: inner.maxY - 2, cursor: cursor, stepsTaken: stepsTaken, theme: theme)
    drawLegends(
      into: &g, inner, theme: theme, out: outOfView(segs),
      gatesInView: segs.contains { sections[$0.k].sequential },
      cellInView: segs.contains { sections[$0.k].isCellState },
      statesInView: segs.contains { !sections[$0.k].sequential && !sections[$0.k].isCellState })
    if stepsTaken == 0 {
      let hints = ["Space or → steps the network through the sequence", "Space or → steps"]
      let room = inner.width - gutter
      g.text(
        inner.x + gutter, inner.y + 1, hints.first { $0.count <= room } ?? hints[1],
        fg: theme.dim, maxWidth: room)
    }
  }

  /// What the segments leave out, longest wording first ("c 0–7 of 16 · ↓ f i o · ↑↓ scroll"),
  /// or none when every unit of every section is in view.
  func outOfView(_ segs: [Segment]) -> [String] {
    guard let first = segs.first, let last = segs.last else { return [] }
    let above = sections[..<first.k].map(\.label)
    let below = sections[(last.k + 1)...].map(\.label)
    let partial = segs.filter { $0.units.count < units }.map {
      "\(sections[$0.k].label) \($0.units.lowerBound)–\($0.units.upperBound - 1) of \(units)"
    }
    guard !above.isEmpty || !below.isEmpty || !partial.isEmpty else { return [] }
    var parts = partial
    if !above.isEmpty { parts.append("↑ " + above.joined(separator: " ")) }
    if !below.isEmpty { parts.append("↓ " + below.joined(separator: " ")) }
    let hiddenCount = above.count + below.count
    return [
      parts.joined(separator: " · ") + " · ↑↓ scroll", parts.joined(separator: " · "),
      (partial.first.map { $0 + " " } ?? "") + (hiddenCount > 0 ? "+\(hiddenCount) ↑↓" : "↑↓"),
      hiddenCount > 0 ? "+\(hiddenCount) ↑↓" : "↑↓ more",
    ]
  }

  /// The bottom row: the value scale, the gate scale (when a gate is in view), and what is out of
  /// view. Room goes first to the value scale, then to the note of what is out of view (a panel
  /// that drops units says so), then to the gate scale.
  func drawLegends(
    into g: inout CellGrid, _ inner: Rect, theme: Theme, out: [String], gatesInView: Bool,
    cellInView: Bool = false, statesInView: Bool = true
  ) {
    let gutter = TimeColumns.gutter
    let legendY = inner.maxY - 1
    // c alone in view, on its own span: the value scale is c's.
    let cellAlone = cellInView && !statesInView && cellSpan != nil
    let scale = cellAlone ? cellSpan! : signedSpan
    g.text(inner.x, legendY, cellAlone ? "c" : "value", fg: theme.dim)
    var values = DivergingLegend(limit: scale.limit)
    values.note = colorsHeld ? "(locked)" : scale.fromData ? "(data)" : ""
    var gates = SequentialLegend(lower: gateSpan.lower, upper: gateSpan.upper)
    gates.note = colorsHeld ? "(locked)" : gateSpan.fromData ? "(data)" : ""
    // The widest bars (values', gates' or none) that fit in `room`.
    func widest(_ room: Int, gates withGates: Bool) -> (Int, Int?)? {
      let sizes = [(20, 12), (16, 12), (12, 10), (10, 8), (8, 6)]
      if withGates {
        return sizes.first { values.width(bar: $0.0) + 2 + 6 + gates.width(bar: $0.1) <= room }
          .map { ($0.0, $0.1) }
      }
      return sizes.first { values.width(bar: $0.0) <= room }.map { ($0.0, nil) }
    }
    // c on its own span: "c ±15" after the value scale (h's), when c is in view.
    let cellNote = cellSpan.flatMap { c in
      cellInView && !cellAlone ? "c ±" + NumberFormat.compact(c.limit) : nil
    }
    let room = inner.width - gutter - (cellNote.map { $0.count + 2 } ?? 0)
    var note = ""
    var bars = widest(room, gates: gatesInView) ?? widest(room, gates: false)
    search: for withGates in gatesInView ? [true, false] : [false] {
      for wording in out {
        if let fit = widest(room - wording.count - 1, gates: withGates) {
          note = wording
          bars = fit
          break search
        }
      }
    }
    let valuesBar = bars?.0 ?? min(20, room - values.width(bar: 0))
    let valuesWidth = values.width(bar: valuesBar)
    values.draw(into: &g, x: inner.x + gutter, y: legendY, width: valuesWidth, theme: theme)
    let cellWidth = cellNote.map { $0.count + 2 } ?? 0
    if let c = cellNote {
      g.text(inner.x + gutter + valuesWidth + 2, legendY, c, fg: theme.text)
    }
    if let gatesBar = bars?.1 {
      let x = inner.x + gutter + valuesWidth + cellWidth + 2
      g.text(x, legendY, "gates", fg: theme.dim)
      gates.draw(into: &g, x: x + 6, y: legendY, bar: gatesBar, theme: theme)
    }
    if !note.isEmpty { g.text(inner.maxX - note.count, legendY, note, fg: theme.accent) }
  }
}
