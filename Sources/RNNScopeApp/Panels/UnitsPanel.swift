import RNNViews

/// The traced units' values over the steps in view, one line each on one y axis, with the input
/// read at each step under it: on the heatmap's time columns, so a unit's rise sits over the
/// character that caused it.
struct UnitsPanel: ScopePanel {
  /// One traced unit: its label (`h 3`, `c2 5`) and its value at each step in view from
  /// `columns.first` on (nil where the step is not on the tape).
  struct Series: Sendable {
    var label: String
    var values: [Double?]
  }

  var columns: TimeColumns
  /// The units, the one colouring the sequence strip's inputs first.
  var series: [Series]
  /// The input read at each step in view (raw labels; the theme makes spaces visible).
  var inputs: [String]
  var cursor: Int
  var stepsTaken: Int
  var focused: Bool

  /// The y range the values in view span (a flat line gets ±0.5 around it).
  var range: ClosedRange<Double>? {
    let all = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
    guard let lo = all.min(), let hi = all.max() else { return nil }
    return lo == hi ? (lo - 0.5)...(hi + 0.5) : lo...hi
  }

  /// Draws the legend (each unit in its colour), the lines, the y range in the gutter and the
  /// inputs under them, the cursor's highlighted.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    g.frame(r, title: "units over time (, . pick  m keeps)", style: theme, focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 3, inner.width > TimeColumns.gutter + 2 else { return }
    let colors = theme.unitColors
    var x = inner.x
    for (k, s) in series.enumerated() {
      let mark = theme.glyphs.unicode ? "━ " : "- "
      let text = mark + s.label + (k == 0 ? " (colours x_t)" : "")
      guard x + text.count <= inner.maxX else { break }
      g.text(x, inner.y, text, fg: colors[k % colors.count], bold: k == 0)
      x += text.count + 3
    }
    let plot = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
    let textY = inner.maxY - 1
    g.text(inner.x, textY, "x_t", fg: theme.dim)
    let w = columns.width
    let capacity = max(0, (inner.width - TimeColumns.gutter) / w)
    for (i, label) in inputs.prefix(capacity).enumerated() {
      let t = columns.first + i
      guard t < stepsTaken else { break }
      let isCursor = t == cursor
      g.text(
        columns.x(inner, t), textY, String(theme.visibleLabel(label).prefix(w)),
        fg: isCursor ? (theme.color ? .rgb(RGB(0, 0, 0)) : .standard) : theme.text,
        bg: isCursor && theme.color ? theme.accent : .standard, bold: isCursor)
    }
    guard let range, plot.height >= 1 else {
      g.text(plot.x + TimeColumns.gutter, plot.y, "no steps on the tape yet", fg: theme.dim)
      return
    }
    g.text(plot.x, plot.y, NumberFormat.short(range.upperBound, digits: 2), fg: theme.dim)
    if plot.height > 1 {
      g.text(plot.x, plot.maxY - 1, NumberFormat.short(range.lowerBound, digits: 2), fg: theme.dim)
    }
    var canvas = BrailleCanvas(columns: capacity * w, rows: plot.height)
    let span = range.upperBound - range.lowerBound
    // The first unit gets the highest series number, so that its colour wins a shared cell.
    for (k, s) in series.enumerated() {
      var previous: (Int, Int)? = nil
      for (i, v) in s.values.prefix(capacity).enumerated() {
        guard let v, v.isFinite else {
          previous = nil
          continue
        }
        let px = i * 2 * w + w - 1
        let f = (range.upperBound - v) / span
        let py = Int((f * Double(canvas.pixelHeight - 1)).rounded())
        let id = series.count - 1 - k
        if let (x0, y0) = previous {
          canvas.line(from: (x0, y0), to: (px, py), series: id)
        } else {
          canvas.set(px, py, series: id)
        }
        previous = (px, py)
      }
    }
    let drawn = (0..<series.count).map { colors[(series.count - 1 - $0) % colors.count] }
    canvas.draw(
      into: &g, x: plot.x + TimeColumns.gutter, y: plot.y, colors: drawn,
      unicode: theme.glyphs.unicode,
      asciiMarks: (0..<series.count).map { Array("*o+x#@%&")[(series.count - 1 - $0) % 8] }
        .map { Unicode.Scalar(String($0))! })
  }
}
