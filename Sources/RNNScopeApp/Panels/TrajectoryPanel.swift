import RNNViews

/// The hidden state's path through the steps taken, projected on two principal components of
/// those states: one axis scale for both (braille pixels are about square), early steps dark and
/// late ones bright, the cursor's state marked.
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
    let plot = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
    var canvas = BrailleCanvas(columns: plot.width, rows: plot.height)
    let px = Self.pixels(points, w: canvas.pixelWidth, h: canvas.pixelHeight)
    let n = px.count
    for i in px.indices {
      let band = n > 1 ? i * Self.bands / n : Self.bands - 1
      if i > 0 {
        canvas.line(from: px[i - 1], to: px[i], series: band)
      } else {
        canvas.set(px[i].0, px[i].1, series: band)
      }
    }
    canvas.draw(
      into: &g, x: plot.x, y: plot.y,
      colors: (0..<Self.bands).map { Self.bandColor($0, theme) }, unicode: theme.glyphs.unicode,
      asciiMarks: Array(repeating: "*", count: Self.bands))
    if let c = cursor, c < px.count {
      g.put(plot.x + px[c].0 / 2, plot.y + px[c].1 / 4, mark, fg: theme.accent, bold: true)
    }
  }

  /// Band k's colour: the sequential map from dark (early) to bright (late), kept off its darkest
  /// end so that the first steps stay visible.
  static func bandColor(_ k: Int, _ theme: Theme) -> TermColor {
    guard theme.color else { return .standard }
    return .rgb(theme.sequential(0.25 + 0.75 * Double(k) / Double(bands - 1)))
  }
}
