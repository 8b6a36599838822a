import Foundation

/// A line chart in braille: y over an x axis (the values' indices, or positions given with them),
/// linear or log10, with min and max labelled; a reference curve may lie under it in grey, and the
/// y range may be held whatever the values.
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
  /// Where each value lies on the x axis (training steps); empty: at its index.
  public var xs: [Double] = []
  /// A curve kept to compare with (a pinned run), drawn in `theme.ghost` under the line; it sets
  /// the x and y ranges too.
  public var ghost: [Double] = []
  /// Where each ghost value lies on the x axis; empty: at its index.
  public var ghostXs: [Double] = []
  /// The y range drawn (of the transformed values: log10 of them on a log scale) whatever the
  /// values; points outside it are left out and the edge's label says so with ↑ or ↓.
  public var heldRange: ClosedRange<Double>? = nil

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

  /// The y range the values, the ghost and the reference span (of the transformed values).
  public var dataRange: ClosedRange<Double>? {
    let t = (values + ghost + (reference.map { [$0.value] } ?? [])).compactMap(transformed)
    guard let lo = t.min(), let hi = t.max() else { return nil }
    return lo == hi ? (lo - 0.5)...(hi + 0.5) : lo...hi
  }

  /// The y range drawn: held, or the data's.
  public var range: ClosedRange<Double>? {
    guard !values.isEmpty || !ghost.isEmpty else { return nil }
    return heldRange ?? dataRange
  }

  /// The x of value `i` of `n` placed at `xs` (their index when `xs` is empty).
  private static func position(_ i: Int, _ xs: [Double]) -> Double {
    i < xs.count ? xs[i] : Double(i)
  }

  /// The x range the line and the ghost span.
  var xRange: ClosedRange<Double> {
    let all =
      values.indices.map { Self.position($0, xs) }
      + ghost.indices.map { Self.position($0, ghostXs) }
    let lo = all.min() ?? 0
    let hi = all.max() ?? 0
    return lo...max(hi, lo)
  }

  /// Draws the ghost in `theme.ghost`, the line in `color`, marked points in `markColor`, the
  /// reference dotted in the dim colour (a cell shows its highest series: ghost 0, reference 1,
  /// line 2, marks 3).
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
    // Held: points past an edge are left out, and its label says that some are.
    let drawn = (values + ghost).compactMap(transformed)
    let above = heldRange != nil && drawn.contains { $0 > range.upperBound }
    let below = heldRange != nil && drawn.contains { $0 < range.lowerBound }
    let top = (above ? "↑" : "") + fmt(range.upperBound)
    let bottom = (below ? "↓" : "") + fmt(range.lowerBound)
    g.text(r.x + max(0, gutter - 1 - top.count), r.y, top, fg: theme.dim)
    g.text(r.x + max(0, gutter - 1 - bottom.count), r.maxY - 1, bottom, fg: theme.dim)
    if !label.isEmpty { g.text(r.x, r.y + plotH / 2, String(label.prefix(gutter - 1)), fg: color) }
    var c = BrailleCanvas(columns: plotW, rows: plotH)
    let w = c.pixelWidth
    let h = c.pixelHeight
    let span = xRange
    func row(_ t: Double) -> Int {
      Int(
        ((range.upperBound - t) / (range.upperBound - range.lowerBound) * Double(h - 1)).rounded())
    }
    func column(_ x: Double) -> Int {
      span.upperBound == span.lowerBound
        ? 0
        : Int(
          ((x - span.lowerBound) / (span.upperBound - span.lowerBound) * Double(w - 1)).rounded())
    }
    if let ref = reference, let t = transformed(ref.value), range.contains(t) {
      let py = row(t)
      for x in stride(from: 0, to: w, by: 3) { c.set(x, py, series: 1) }
    }
    /// One curve joined point to point; a point off the range breaks it.
    func curve(_ ys: [Double], _ at: [Double], series: (Int) -> Int) {
      var prev: (Int, Int)? = nil
      for (i, v) in ys.enumerated() {
        guard let t = transformed(v), range.contains(t) else {
          prev = nil
          continue
        }
        let px = column(Self.position(i, at))
        let py = row(t)
        let s = series(i)
        if let (qx, qy) = prev {
          // Bresenham-free join: fill the vertical span between neighbours.
          for x in min(qx, px)...max(qx, px) { c.set(x, py, series: s) }
          for y in min(qy, py)...max(qy, py) { c.set(px, y, series: s) }
        } else {
          c.set(px, py, series: s)
        }
        prev = (px, py)
      }
    }
    curve(ghost, ghostXs) { _ in 0 }
    curve(values, xs) { i in i < marked.count && marked[i] && markColor != nil ? 3 : 2 }
    c.draw(
      into: &g, x: r.x + gutter, y: r.y,
      colors: [theme.ghost, theme.dim, color, markColor ?? color],
      unicode: theme.glyphs.unicode, asciiMarks: [":", ".", "*", "!"])
    if let ref = reference, let t = transformed(ref.value), range.contains(t),
      ref.label.count < plotW
    {
      let y = r.y + min(plotH - 1, row(t) / 4)
      g.text(r.maxX - ref.label.count, y, ref.label, fg: theme.dim)
    }
  }
}
