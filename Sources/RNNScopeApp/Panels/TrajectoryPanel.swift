import RNNViews

/// The hidden state's path through the steps taken, projected on two principal components of
/// those states: one axis scale for both (braille pixels are about square), early steps dark and
/// late ones bright, the cursor's state marked; `fixed`'s points on the same axes, saddles with
/// their unstable directions.
struct TrajectoryPanel: ScopePanel {
  /// What is projected ("h", "h2").
  var state: String
  /// The components shown, counted from 1 (PC1 × PC2).
  var components: (Int, Int)
  /// The share of the variance along each of the two.
  var shares: (Double, Double)
  /// Each step's coordinates along the two components, from the first step on the tape on.
  var points: [(Double, Double)]
  /// The first step on the tape (the points' t = firstStep + index, from 0).
  var firstStep: Int
  /// The cursor's index into `points` (nil when it is not on the tape).
  var cursor: Int?
  var focused: Bool
  /// Why there is nothing to draw (fewer than two steps taken, …), shown instead.
  var empty: String? = nil
  /// `fixed`'s points, in the report's order (point i is number i + 1).
  var fixedPoints: [FixedPointMarker] = []
  /// The legend's counts ("8 stable", "4 saddle"), in the report's words.
  var fixedCounts: [(name: String, count: Int)] = []
  /// The point selected, from 0.
  var selectedPoint: Int? = nil
  /// The points are of other weights than the model's now.
  var fixedStale = false
  /// Whether `fixed` has searched (the legend says so even when it found nothing).
  var fixedShown = false

  /// Number of colour bands along time.
  static let bands = 8

  /// The pixel of each point on a canvas `w` × `h` pixels: the points' bounding box centred, one
  /// scale for both axes.
  static func pixels(_ pts: [(Double, Double)], w: Int, h: Int) -> [(Int, Int)] {
    guard let x0 = pts.map(\.0).min(), let x1 = pts.map(\.0).max(),
      let y0 = pts.map(\.1).min(), let y1 = pts.map(\.1).max()
    else { return [] }
    let spanX = max(x1 - x0, 1e-12)
    let spanY = max(y1 - y0, 1e-12)
    let scale = min(Double(w - 1) / spanX, Double(h - 1) / spanY)
    let cx = (x0 + x1) / 2
    let cy = (y0 + y1) / 2
    return pts.map { p in
      (
        Int((Double(w - 1) / 2 + (p.0 - cx) * scale).rounded()),
        Int((Double(h - 1) / 2 - (p.1 - cy) * scale).rounded())
      )
    }
  }

  /// Draws the title (the components and their shares), the path and the cursor's state.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let (a, b) = components
    let pct = { (v: Double) in "\(Int((v * 100).rounded()))%" }
    g.frame(
      r, title: "trajectory of \(state) · PC\(a) \(pct(shares.0)) × PC\(b) \(pct(shares.1))",
      style: theme, focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 3, inner.width >= 8 else { return }
    if let empty {
      g.text(inner.x, inner.y, empty, fg: theme.dim, maxWidth: inner.width)
      return
    }
    // The legend: time from dark to bright, the cursor's mark.
    let mark: Unicode.Scalar = theme.glyphs.unicode ? "●" : "@"
    var x = inner.x
    g.text(x, inner.y, "t=\(firstStep + 1)", fg: theme.dim)
    x += "t=\(firstStep + 1) ".count
    for k in 0..<Self.bands {
      let c = Self.bandColor(k, theme)
      g.put(x + k, inner.y, theme.glyphs.unicode ? "█" : "#", fg: c)
    }
    x += Self.bands + 1
    g.text(x, inner.y, "t=\(firstStep + points.count)", fg: theme.dim)
    if let c = cursor {
      let tag = "\(String(mark)) t=\(firstStep + c + 1)"
      if inner.maxX - tag.count > x + 8 {
        g.text(inner.maxX - tag.count, inner.y, tag, fg: theme.accent)
      }
    }
    let legend = fixedShown && inner.height >= 4
    let plot = Rect(
      x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - (legend ? 2 : 1))
    var canvas = BrailleCanvas(columns: plot.width, rows: plot.height)
    // One bounding box for the path and the points, so that every point is in view.
    let all = Self.pixels(
      points + fixedPoints.map { ($0.x, $0.y) }, w: canvas.pixelWidth, h: canvas.pixelHeight)
    let px = Array(all.prefix(points.count))
    let fx = Array(all.dropFirst(points.count))
    let n = px.count
    for i in px.indices {
      let band = n > 1 ? i * Self.bands / n : Self.bands - 1
      if i > 0 {
        canvas.line(from: px[i - 1], to: px[i], series: band)
      } else {
        canvas.set(px[i].0, px[i].1, series: band)
      }
    }
    // The unstable directions: a segment through the point both ways (the unstable manifold
    // leaves on both sides), as long as the direction's projection on the plane.
    let arm = Double(max(3, min(canvas.pixelWidth, canvas.pixelHeight) / 6))
    for (k, f) in fixedPoints.enumerated() {
      for (dx, dy) in f.directions {
        // The axes share one scale: a direction in the plane is one in pixels (y down).
        let ex = Int((dx * arm).rounded())
        let ey = Int((-dy * arm).rounded())
        guard ex != 0 || ey != 0 else { continue }
        canvas.line(
          from: (fx[k].0 - ex, fx[k].1 - ey), to: (fx[k].0 + ex, fx[k].1 + ey), series: Self.bands)
      }
    }
    canvas.draw(
      into: &g, x: plot.x, y: plot.y,
      colors: (0..<Self.bands).map { Self.bandColor($0, theme) }
        + [fixedStale ? theme.dim : theme.error], unicode: theme.glyphs.unicode,
      asciiMarks: Array(repeating: "*", count: Self.bands) + ["-"])
    if let c = cursor, c < px.count {
      g.put(plot.x + px[c].0 / 2, plot.y + px[c].1 / 4, mark, fg: theme.accent, bold: true)
    }
    // The points over the path: stable ones last, so that a saddle beside a memory does not hide
    // it; the selected one last of all, in reverse video.
    let order = fixedPoints.indices.sorted {
      ($0 == selectedPoint ? 1 : 0, fixedPoints[$0].kind == .stable ? 1 : 0, $0) < (
        $1 == selectedPoint ? 1 : 0, fixedPoints[$1].kind == .stable ? 1 : 0, $1
      )
    }
    for k in order {
      let f = fixedPoints[k]
      let fg = FixedPointMarker.color(f.kind, stale: fixedStale, theme)
      let selected = k == selectedPoint
      g.put(
        plot.x + fx[k].0 / 2, plot.y + fx[k].1 / 4,
        FixedPointMarker.glyph(f.kind, unicode: theme.glyphs.unicode),
        fg: selected ? theme.panelBackground : fg, bg: selected ? fg : theme.panelBackground,
        bold: true)
    }
    if legend { drawLegend(into: &g, x: inner.x, y: inner.maxY - 1, width: inner.width, theme) }
  }

  /// "8 stable ● · 4 saddle ○ · point 3 selected", or why the points are stale.
  func drawLegend(into g: inout CellGrid, x: Int, y: Int, width: Int, _ theme: Theme) {
    var cx = x
    let end = x + width
    for (i, c) in fixedCounts.enumerated() {
      let kind: FixedPointMarker.Kind =
        c.name == "stable" ? .stable : c.name == "marginal" ? .marginal : .unstable
      let word = (i > 0 ? " · " : "") + "\(c.count) \(c.name) "
      guard cx + word.count + 1 <= end else { return }
      cx += g.text(cx, y, word, fg: theme.dim)
      g.put(
        cx, y, FixedPointMarker.glyph(kind, unicode: theme.glyphs.unicode),
        fg: FixedPointMarker.color(kind, stale: fixedStale, theme), bold: true)
      cx += 1
    }
    // The longest wording that fits.
    let tails =
      fixedStale
      ? [
        " · stale: the weights changed (fixed again)", " · stale: the weights changed", " · stale",
      ]
      : selectedPoint.map { [" · point \($0 + 1) selected ({ })", " · point \($0 + 1)"] }
        ?? [" · { } select"]
    if fixedCounts.isEmpty {
      cx += g.text(cx, y, "no fixed points found", fg: theme.dim, maxWidth: end - cx)
    }
    if let tail = tails.first(where: { cx + $0.count <= end }) {
      g.text(cx, y, tail, fg: fixedStale ? theme.accent : theme.dim)
    }
  }

  /// Band k's colour: the sequential map from dark (early) to bright (late), kept off its darkest
  /// end so that the first steps stay visible.
  static func bandColor(_ k: Int, _ theme: Theme) -> TermColor {
    guard theme.color else { return .standard }
    return .rgb(theme.sequential(0.25 + 0.75 * Double(k) / Double(bands - 1)))
  }
}
