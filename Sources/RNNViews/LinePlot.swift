import Foundation

/// A line chart in braille: y over an index axis, linear or log10, with min and max labelled.
public struct LinePlot: Sendable {
  public var values: [Double]
  public var logScale: Bool
  public var gutter = 8
  public var label: String
  /// A level drawn across as a dotted line, labelled at its right end (a clipping threshold); the
  /// y range takes it in.
  public var reference: (value: Double, label: String)?
  /// Points drawn in the second colour (steps where clipping fired), by index.
  public var marked: [Bool] = []

  public init(values: [Double], logScale: Bool = false, label: String = "") {
    self.values = values
    self.logScale = logScale
    self.label = label
  }

  func transformed(_ v: Double) -> Double? {
    guard v.isFinite else { return nil }
    if logScale { return v > 0 ? log10(v) : nil }
    return v
  }

  /// The y range drawn (of the transformed values).
  public var range: ClosedRange<Double>? {
    let t = (values + (reference.map { [$0.value] } ?? [])).compactMap(transformed)
    guard let lo = t.min(), let hi = t.max() else { return nil }
    return lo == hi ? (lo - 0.5)...(hi + 0.5) : lo...hi
  }

  /// Draws the line in `color`, marked points in `markColor`, the reference dotted in the dim
  /// colour beneath them (a cell shows its highest series: reference 0, line 1, marks 2).
  public func draw(
    into g: inout CellGrid, _ r: Rect, color: TermColor, markColor: TermColor? = nil,
    theme: Theme
  ) {
    guard r.width > gutter + 2, r.height >= 2 else { return }
    let plotW = r.width - gutter
    let plotH = r.height
    guard let range = range else {
      g.text(r.x + gutter, r.y + plotH / 2, "no data yet", fg: theme.dim, maxWidth: plotW)
      return
    }
    func fmt(_ t: Double) -> String {
      logScale ? NumberFormat.scientific(pow(10, t), digits: 1) : NumberFormat.short(t, digits: 2)
    }
    let top = fmt(range.upperBound)
    let bottom = fmt(range.lowerBound)
    g.text(r.x + max(0, gutter - 1 - top.count), r.y, top, fg: theme.dim)
    g.text(r.x + max(0, gutter - 1 - bottom.count), r.maxY - 1, bottom, fg: theme.dim)
    if !label.isEmpty { g.text(r.x, r.y + plotH / 2, String(label.prefix(gutter - 1)), fg: color) }
    var c = BrailleCanvas(columns: plotW, rows: plotH)
    let w = c.pixelWidth
    let h = c.pixelHeight
    let n = values.count
    var prev: (Int, Int)? = nil
    func row(_ t: Double) -> Int {
      Int(
        ((range.upperBound - t) / (range.upperBound - range.lowerBound) * Double(h - 1)).rounded())
    }
    if let ref = reference, let t = transformed(ref.value) {
      let py = row(t)
      for x in stride(from: 0, to: w, by: 3) { c.set(x, py, series: 0) }
    }
    for (i, v) in values.enumerated() {
      guard let t = transformed(v) else {
        prev = nil
        continue
      }
      let px = n == 1 ? 0 : Int((Double(i) / Double(n - 1) * Double(w - 1)).rounded())
      let py = row(t)
      let series = i < marked.count && marked[i] && markColor != nil ? 2 : 1
      if let (qx, qy) = prev {
        // Bresenham-free join: fill the vertical span between neighbours.
        for x in min(qx, px)...max(qx, px) { c.set(x, py, series: series) }
        for y in min(qy, py)...max(qy, py) { c.set(px, y, series: series) }
      } else {
        c.set(px, py, series: series)
      }
      prev = (px, py)
    }
    c.draw(
      into: &g, x: r.x + gutter, y: r.y, colors: [theme.dim, color, markColor ?? color],
      unicode: theme.glyphs.unicode, asciiMarks: [".", "*", "!"])
    if let ref = reference, let t = transformed(ref.value), ref.label.count < plotW {
      let y = r.y + min(plotH - 1, row(t) / 4)
      g.text(r.maxX - ref.label.count, y, ref.label, fg: theme.dim)
    }
  }
}
