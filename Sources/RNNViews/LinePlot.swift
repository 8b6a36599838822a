import Foundation

/// A line chart in braille: y over an index axis, linear or log10, with min and max labelled.
public struct LinePlot: Sendable {
  public var values: [Double]
  public var logScale: Bool
  public var gutter = 8
  public var label: String

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
    let t = values.compactMap(transformed)
    guard let lo = t.min(), let hi = t.max() else { return nil }
    return lo == hi ? (lo - 0.5)...(hi + 0.5) : lo...hi
  }

  public func draw(into g: inout CellGrid, _ r: Rect, color: TermColor, theme: Theme) {
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
    for (i, v) in values.enumerated() {
      guard let t = transformed(v) else {
        prev = nil
        continue
      }
      let px = n == 1 ? 0 : Int((Double(i) / Double(n - 1) * Double(w - 1)).rounded())
      let py = Int(
        ((range.upperBound - t) / (range.upperBound - range.lowerBound) * Double(h - 1)).rounded())
      if let (qx, qy) = prev {
        // Bresenham-free join: fill the vertical span between neighbours.
        for x in min(qx, px)...max(qx, px) { c.set(x, py, series: 0) }
        for y in min(qy, py)...max(qy, py) { c.set(px, y, series: 0) }
      } else {
        c.set(px, py, series: 0)
      }
      prev = (px, py)
    }
    c.draw(
      into: &g, x: r.x + gutter, y: r.y, colors: [color], unicode: theme.glyphs.unicode,
      asciiMarks: ["*"])
  }
}
