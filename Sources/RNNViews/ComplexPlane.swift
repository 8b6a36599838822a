import Foundation

/// Eigenvalues on the complex plane with the unit circle, drawn in braille (pixels are about
/// square), each eigenvalue a glyph that says on which side of the circle it lies.
public struct ComplexPlane: Sendable {
  public var points: [(re: Double, im: Double)]
  public init(points: [(re: Double, im: Double)]) { self.points = points }

  /// Half the width of the region shown: at least 1.25, and every point inside.
  public var extent: Double {
    max(1.25, (points.map { max(abs($0.re), abs($0.im)) }.max() ?? 0) * 1.1)
  }

  public static let axisSeries = 0
  public static let insideSeries = 1
  public static let outsideSeries = 2

  /// The glyph of an eigenvalue inside the unit circle (•, ASCII o) or outside it (×, ASCII X).
  public static func glyph(outside: Bool, unicode: Bool) -> Unicode.Scalar {
    outside ? (unicode ? "×" : "X") : (unicode ? "•" : "o")
  }

  static func isOutside(_ p: (re: Double, im: Double)) -> Bool {
    (p.re * p.re + p.im * p.im).squareRoot() > 1
  }

  /// The pixel of (re, im) on a canvas `w` × `h` pixels.
  func pixel(_ re: Double, _ im: Double, w: Int, h: Int) -> (Int, Int) {
    let scale = Double(min(w, h) - 1) / (2 * extent)
    let cx = Double(w - 1) / 2
    let cy = Double(h - 1) / 2
    return (Int((cx + re * scale).rounded()), Int((cy - im * scale).rounded()))
  }

  /// The axes, the unit circle and (unless `points` is false) each eigenvalue as a 2×2 dot.
  public func canvas(columns: Int, rows: Int, points withPoints: Bool = true) -> BrailleCanvas {
    var c = BrailleCanvas(columns: columns, rows: rows)
    let w = c.pixelWidth
    let h = c.pixelHeight
    guard w > 2, h > 2 else { return c }
    let scale = Double(min(w, h) - 1) / (2 * extent)
    let cx = Double(w - 1) / 2
    let cy = Double(h - 1) / 2
    func px(_ re: Double, _ im: Double) -> (Int, Int) { pixel(re, im, w: w, h: h) }
    // Axes and the unit circle.
    for x in 0..<w { c.set(x, Int(cy.rounded()), series: ComplexPlane.axisSeries) }
    for y in 0..<h { c.set(Int(cx.rounded()), y, series: ComplexPlane.axisSeries) }
    let steps = max(64, Int(2 * Double.pi * scale * 2))
    for k in 0..<steps {
      let a = 2 * Double.pi * Double(k) / Double(steps)
      let (x, y) = px(cos(a), sin(a))
      c.set(x, y, series: ComplexPlane.axisSeries)
    }
    for p in points where withPoints && p.re.isFinite && p.im.isFinite {
      let (x, y) = px(p.re, p.im)
      let s = ComplexPlane.isOutside(p) ? ComplexPlane.outsideSeries : ComplexPlane.insideSeries
      for dx in 0...1 { for dy in 0...1 { c.set(x + dx, y + dy, series: s) } }
    }
    return c
  }

  public func draw(into g: inout CellGrid, _ r: Rect, theme: Theme) {
    guard r.width >= 6, r.height >= 3 else { return }
    // A square region: two columns per row of height.
    let cols = min(r.width, r.height * 2)
    // The eigenvalues are glyphs of their own, drawn over the axes and the circle.
    let c = canvas(columns: cols, rows: r.height, points: false)
    let x0 = r.x + (r.width - cols) / 2
    c.draw(
      into: &g, x: x0, y: r.y, colors: [theme.dim, theme.good, theme.error],
      unicode: theme.glyphs.unicode,
      asciiMarks: [".", "o", "X"])
    // The extent's label first: an eigenvalue just outside the circle on the real axis (a
    // saddle's unstable mode) falls where it stands, and is drawn over it.
    let e = String(format: "%.2g", extent)
    g.text(x0 + cols - e.count, r.y + r.height / 2, e, fg: theme.dim)
    // Each eigenvalue's glyph in the cell of its pixel, those outside over those inside, so that
    // the side of the circle shows without colour too.
    let finite = points.filter { $0.re.isFinite && $0.im.isFinite }
    for p in finite.filter({ !ComplexPlane.isOutside($0) }) + finite.filter(ComplexPlane.isOutside)
    {
      let (px, py) = pixel(p.re, p.im, w: c.pixelWidth, h: c.pixelHeight)
      let outside = ComplexPlane.isOutside(p)
      g.put(
        x0 + px / 2, r.y + py / 4,
        ComplexPlane.glyph(outside: outside, unicode: theme.glyphs.unicode),
        fg: outside ? theme.error : theme.good, bold: outside)
    }
  }
}
