import Foundation

/// Bars on a log10 axis, one per timestep column, aligned with the heatmap's columns: the
/// per-timestep gradient norms. Eighth blocks give 8 levels per text row; decades are labelled in a
/// left gutter.
public struct LogBarPlot: Sendable {
  /// values[t]; nil where nothing is computed.
  public var values: [Double?]
  public var columnWidth: Int = 1
  public var firstColumn: Int = 0
  public var gutter: Int = 6
  /// A reference curve drawn over the bars (e.g. the geometric bound), one value per step.
  public var bound: [Double?] = []
  /// Colour bars below this share of the largest value as vanishing, above `explodingAbove` as
  /// exploding.
  public var vanishingBelow = 1e-6
  public var explodingAbove = 1e3

  public init(values: [Double?]) { self.values = values }

  /// Values that set the axis besides those drawn: the whole profile while the backward animation
  /// reveals it bar by bar, so the axis stays put as bars arrive.
  public var scale: [Double] = []

  /// A reference profile drawn in grey under the bars (beside them when a step is two cells or
  /// wider), one value per step as `values`; it sets the axis too.
  public var ghost: [Double?] = []

  /// A second profile drawn as a mark (● or o) per step at the row its value reaches, in the
  /// step's second cell when it has one (a split view's second model); it sets the axis too.
  public var points: [Double?] = []
  public var pointColor = TermColor.standard
  /// One colour for every bar (a split view's first model) instead of the height's colour map and
  /// the vanishing and exploding colours (and, without colour, their glyphs); nil: those.
  public var barColor: TermColor? = nil

  /// The decades the axis spans whatever the values (nil: those the values span, `dataDecades`).
  /// Bars above its top end in ↑ on the top row; values below its bottom show ↓ on the bottom row.
  public var fixedDecades: ClosedRange<Int>? = nil

  /// The decades the finite positive values (drawn, in `scale` or in `ghost`) span: ⌊log10 min⌋ …
  /// ⌈log10 max⌉ (at least one decade).
  public var dataDecades: ClosedRange<Int>? {
    let all = values.compactMap { $0 } + scale + ghost.compactMap { $0 } + points.compactMap { $0 }
    let logs = all.filter { $0 > 0 && $0.isFinite }.map(log10)
    guard let lo = logs.min(), let hi = logs.max() else { return nil }
    let l = Int(floor(lo))
    let h = Int(ceil(hi))
    return l...(h > l ? h : l + 1)
  }

  /// The decades of the axis: `fixedDecades`, else `dataDecades`.
  public var decades: ClosedRange<Int>? { fixedDecades ?? dataDecades }

  /// Decades per text row: the whole span over the rows, rounded up to ⅛, ¼ or ½ of a decade below
  /// one and to a whole number above, so every row's top edge sits on an exact, printable value.
  public func decadesPerRow(rows: Int) -> Double {
    guard let r = decades, rows > 0 else { return 1 }
    let need = Double(r.upperBound - r.lowerBound) / Double(rows)
    if need <= 0.125 { return 0.125 }
    if need <= 0.25 { return 0.25 }
    if need <= 0.5 { return 0.5 }
    return need.rounded(.up)
  }

  /// The axis: from `top` at the top edge of row 0 down by `decadesPerRow` per row.
  public func axis(rows: Int) -> (top: Int, decadesPerRow: Double)? {
    guard let r = decades else { return nil }
    return (r.upperBound, decadesPerRow(rows: rows))
  }

  /// log10 of the value at the top edge of row `row` (0 = the top row): a bar reaching that edge
  /// has norm 10^that.
  public func decadeAtTop(ofRow row: Int, rows: Int) -> Double? {
    axis(rows: rows).map { LogBarPlot.decadeAtTop(ofRow: row, $0) }
  }

  static func decadeAtTop(ofRow row: Int, _ axis: (top: Int, decadesPerRow: Double)) -> Double {
    Double(axis.top) - Double(row) * axis.decadesPerRow
  }

  /// Height of the bar for `v` in eighths of a row, for a plot `rows` high (at least 1 for any
  /// positive value).
  public func eighths(_ v: Double, rows: Int) -> Int {
    guard let axis = axis(rows: rows) else { return 0 }
    return LogBarPlot.eighths(v, rows: rows, axis)
  }

  // The axis is computed once a drawing (it reads every value): these take it made.
  static func eighths(_ v: Double, rows: Int, _ axis: (top: Int, decadesPerRow: Double)) -> Int {
    guard v > 0, v.isFinite else { return 0 }
    let (top, d) = axis
    let span = Double(rows) * d
    let f = (log10(v) - (Double(top) - span)) / span
    return max(1, min(rows * 8, Int((f * Double(rows * 8)).rounded())))
  }

  static let blocks: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// Without colour, vanishing and exploding bars fill every row they reach with a glyph of their
  /// own: ░ and ▓ (ASCII : and @), for the legend as for the bars.
  public static func glyph(exploding: Bool, unicode: Bool) -> Unicode.Scalar {
    exploding ? (unicode ? "▓" : "@") : (unicode ? "░" : ":")
  }

  /// Draws the gutter labels and bars into `r` (labels take the first `gutter` columns).
  public func draw(into g: inout CellGrid, _ r: Rect, theme: Theme) {
    let rows = r.height
    guard rows > 0, r.width > gutter else { return }
    let plotX = r.x + gutter
    let axis = self.axis(rows: rows)
    if let axis {
      // Rows whose top edge is a whole decade are labelled, two rows apart at least; the top row
      // and, when it is a whole decade, the bottom row always.
      let eligible = (0..<rows).filter {
        LogBarPlot.decadeAtTop(ofRow: $0, axis).rounded() == LogBarPlot.decadeAtTop(ofRow: $0, axis)
      }
      var chosen: [Int] = []
      for row in eligible where chosen.last.map({ row - $0 >= 2 }) ?? true { chosen.append(row) }
      if let bottom = eligible.last, bottom == rows - 1, chosen.last != bottom {
        if chosen.last == bottom - 1 && chosen.count > 1 { chosen.removeLast() }
        chosen.append(bottom)
      }
      for row in chosen {
        let label = NumberFormat.decade(Int(LogBarPlot.decadeAtTop(ofRow: row, axis)))
        g.text(r.x + gutter - 1 - label.count, r.y + row, label, fg: theme.dim)
        g.put(r.x + gutter - 1, r.y + row, theme.glyphs.unicode ? "┤" : "+", fg: theme.dim)
      }
    }
    let visible = (r.width - gutter) / max(1, columnWidth)
    if let axis { drawGhost(into: &g, r, visible: visible, axis, theme: theme) }
    let largest = values.compactMap { $0 }.filter(\.isFinite).max() ?? 0
    for i in 0..<visible {
      let t = firstColumn + i
      guard t >= 0 && t < values.count, let v = values[t] else { continue }
      let x = plotX + i * columnWidth
      if v.isNaN || v.isInfinite {
        g.text(x, r.y + (v.isNaN ? rows - 1 : 0), v.isNaN ? "?" : "!", fg: theme.error, bold: true)
        continue
      }
      if v == 0 {
        g.put(x, r.maxY - 1, "0", fg: theme.dim)
        continue
      }
      guard let axis else { continue }
      let bottom = Double(axis.top) - Double(rows) * axis.decadesPerRow
      if log10(v) < bottom {
        g.put(x, r.maxY - 1, theme.glyphs.unicode ? "↓" : "v", fg: theme.dim)
        continue
      }
      let h = LogBarPlot.eighths(v, rows: rows, axis)
      var color: TermColor =
        theme.color ? .rgb(theme.sequential(Double(h) / Double(rows * 8))) : .standard
      let vanishing = v < vanishingBelow * largest
      let exploding = v > explodingAbove
      if vanishing { color = theme.vanishing }
      if exploding { color = theme.exploding }
      if let barColor, theme.color { color = barColor }
      let told: Unicode.Scalar? =
        theme.color || !(vanishing || exploding) || barColor != nil
        ? nil : LogBarPlot.glyph(exploding: exploding, unicode: theme.glyphs.unicode)
      for row in 0..<rows {
        let filled = h - row * 8  // eighths in this row, counting from the bottom
        guard filled > 0 else { break }
        let ch: Unicode.Scalar =
          told
          ?? (theme.glyphs.unicode
            ? LogBarPlot.blocks[min(filled, 8) - 1] : (filled >= 4 ? "#" : "."))
        for k in 0..<columnWidth where columnWidth == 1 || k == 0 {
          g.put(x + k, r.maxY - 1 - row, ch, fg: color)
        }
      }
      if log10(v) > Double(axis.top) { g.put(x, r.y, theme.glyphs.unicode ? "↑" : "^", fg: color) }
    }
    guard let axis else { return }
    drawPoints(into: &g, r, visible: visible, axis, theme: theme)
    // The bound: a mark in each column at the row its value reaches.
    let (top, d) = axis
    let span = Double(rows) * d
    let bottom = Double(top) - span
    for i in 0..<visible {
      let t = firstColumn + i
      guard t >= 0, t < bound.count, let b = bound[t], b > 0, b.isFinite else { continue }
      let f = (log10(b) - bottom) / span
      let x = plotX + i * columnWidth
      // Above the chart: ▲ on the top edge, so the bound is never silently left out.
      if f > 1 {
        g.put(x, r.y, theme.glyphs.unicode ? "▲" : "^", fg: theme.bound, bg: g[x, r.y].bg)
        continue
      }
      guard f >= 0 else { continue }
      let row = min(rows - 1, Int(((1 - f) * Double(rows)).rounded(.down)))
      g.put(x, r.y + row, theme.glyphs.unicode ? "◆" : "*", fg: theme.bound, bg: g[x, r.y + row].bg)
    }
  }

  /// The mark of `v` on this axis: its row (0 = top) and glyph — ● at the row it reaches, ↑ on the
  /// top row above the axis, ↓ on the bottom row below it, 0, ? (NaN) and ! (Inf) as the bars
  /// show them; nil where there is none.
  static func mark(
    _ v: Double?, rows: Int, _ axis: (top: Int, decadesPerRow: Double), unicode: Bool
  ) -> (row: Int, glyph: Unicode.Scalar)? {
    guard let v else { return nil }
    if v.isNaN { return (rows - 1, "?") }
    if v.isInfinite { return (0, "!") }
    if v <= 0 { return (rows - 1, "0") }
    let span = Double(rows) * axis.decadesPerRow
    let f = (log10(v) - (Double(axis.top) - span)) / span
    if f > 1 { return (0, unicode ? "↑" : "^") }
    if f < 0 { return (rows - 1, unicode ? "↓" : "v") }
    return (min(rows - 1, Int(((1 - f) * Double(rows)).rounded(.down))), unicode ? "●" : "o")
  }

  /// The points' marks in `pointColor`, bold, over whatever is drawn in their cell.
  func drawPoints(
    into g: inout CellGrid, _ r: Rect, visible: Int, _ axis: (top: Int, decadesPerRow: Double),
    theme: Theme
  ) {
    for i in 0..<visible {
      let t = firstColumn + i
      guard t >= 0, t < points.count,
        let (row, glyph) = LogBarPlot.mark(
          points[t], rows: r.height, axis, unicode: theme.glyphs.unicode)
      else { continue }
      let x = r.x + gutter + i * columnWidth + (columnWidth > 1 ? 1 : 0)
      g.put(x, r.y + row, glyph, fg: pointColor, bg: g[x, r.y + row].bg, bold: true)
    }
  }

  /// The ghost's bars in `theme.ghost`, from the bottom to the row its value reaches: in the
  /// step's second cell when it has one, else in its only cell (the bars are drawn over them). With
  /// colour off they are ░ (ASCII ':') to the row they reach.
  func drawGhost(
    into g: inout CellGrid, _ r: Rect, visible: Int, _ axis: (top: Int, decadesPerRow: Double),
    theme: Theme
  ) {
    let rows = r.height
    let bottom = Double(axis.top) - Double(rows) * axis.decadesPerRow
    for i in 0..<visible {
      let t = firstColumn + i
      guard t >= 0, t < ghost.count, let v = ghost[t], v > 0, v.isFinite, log10(v) >= bottom
      else { continue }
      let x = r.x + gutter + i * columnWidth + (columnWidth > 1 ? 1 : 0)
      let h = LogBarPlot.eighths(v, rows: rows, axis)
      for row in 0..<rows {
        let filled = h - row * 8
        guard filled > 0 else { break }
        let ch: Unicode.Scalar =
          theme.color
          ? (theme.glyphs.unicode
            ? LogBarPlot.blocks[min(filled, 8) - 1] : (filled >= 4 ? "#" : "."))
          : (theme.glyphs.unicode ? "░" : ":")
        g.put(x, r.maxY - 1 - row, ch, fg: theme.ghost)
      }
    }
  }
}
