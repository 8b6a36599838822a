import Foundation

/// The derivatives of the activations in `curves` (tanh', σ', relu') over x ∈ [−6, 6] on common
/// axes (0 … 1), the active one over the others, with marks where the current pre-activations fall
/// on the active curve.
public struct DerivativePlot: Sendable {
  public enum Curve: Sendable, CaseIterable { case tanh, sigmoid, relu }
  public var active: Curve
  /// Pre-activations a_t of every unit at the current step (marked on the active curve).
  public var marks: [Double]
  public static let xRange = -6.0...6.0
  public static let yMax = 1.0
  public var gutter = 5

  public init(active: Curve, marks: [Double]) {
    self.active = active
    self.marks = marks
  }

  /// σ'(x) = σ(x)(1 − σ(x));  tanh'(x) = 1 − tanh²(x);  relu'(x) = [x > 0]
  public static func value(_ c: Curve, _ x: Double) -> Double {
    switch c {
    case .tanh:
      let t = _tanh(x)
      return 1 - t * t
    case .sigmoid:
      let s = 1 / (1 + _exp(-x))
      return s * (1 - s)
    case .relu: return x > 0 ? 1 : 0
    }
  }

  /// Units whose φ'(a) is below 10 % of the curve's peak (saturated), above 90 % (linear), and
  /// between.
  public static func saturation(_ c: Curve, _ marks: [Double]) -> (
    saturated: Int, middle: Int, linear: Int
  ) {
    let peak = c == .sigmoid ? 0.25 : 1.0
    var s = 0
    var m = 0
    var l = 0
    for a in marks {
      let d = value(c, a) / peak
      if d < 0.1 { s += 1 } else if d > 0.9 { l += 1 } else { m += 1 }
    }
    return (s, m, l)
  }

  /// Which curves are drawn (all three by default; the screen drops relu for gated cells).
  public var curves: [Curve] = [.tanh, .sigmoid, .relu]

  /// Series indices in the canvas (higher draws over lower).
  public static let inactiveSeries = 0
  public static let activeSeries = 1
  public static let markSeries = 2

  /// The canvas for a plot area `columns` × `rows` cells.
  public func canvas(columns: Int, rows: Int) -> BrailleCanvas {
    var c = BrailleCanvas(columns: columns, rows: rows)
    let w = c.pixelWidth
    let h = c.pixelHeight
    guard w > 1, h > 1 else { return c }
    func py(_ y: Double) -> Int { Int(((1 - y / DerivativePlot.yMax) * Double(h - 1)).rounded()) }
    func xAt(_ px: Int) -> Double {
      DerivativePlot.xRange.lowerBound
        + (DerivativePlot.xRange.upperBound - DerivativePlot.xRange.lowerBound) * Double(px)
        / Double(w - 1)
    }
    for curve in curves {
      let s = curve == active ? DerivativePlot.activeSeries : DerivativePlot.inactiveSeries
      var prev: Int? = nil
      for px in 0..<w {
        let y = py(DerivativePlot.value(curve, xAt(px)))
        // Join vertical gaps so steep parts stay connected.
        if let p = prev {
          for yy in min(p, y)...max(p, y) { c.set(px, yy, series: s) }
        } else {
          c.set(px, y, series: s)
        }
        prev = y
      }
    }
    for a in marks where a.isFinite {
      let clamped = min(max(a, DerivativePlot.xRange.lowerBound), DerivativePlot.xRange.upperBound)
      let px = Int(((clamped - DerivativePlot.xRange.lowerBound) / 12 * Double(w - 1)).rounded())
      let y = py(DerivativePlot.value(active, clamped))
      for dy in -1...1 { c.set(px, y + dy, series: DerivativePlot.markSeries) }
    }
    return c
  }

  /// Whether the curves are told apart by glyphs (`glyph(_:unicode:)`) rather than by colour:
  /// without colour, and without braille.
  public static func drawsGlyphs(_ theme: Theme) -> Bool { !theme.color || !theme.glyphs.unicode }

  /// The character a curve is drawn with when `drawsGlyphs`: tanh' •, σ' o, relu' + (ASCII *, o,
  /// +).
  public static func glyph(_ c: Curve, unicode: Bool) -> Unicode.Scalar {
    switch c {
    case .tanh: return unicode ? "•" : "*"
    case .sigmoid: return "o"
    case .relu: return "+"
    }
  }

  /// The character of the marks: braille's full cell with colour, ◆ (ASCII #) when `drawsGlyphs`.
  public static func markGlyph(_ theme: Theme) -> Unicode.Scalar {
    drawsGlyphs(theme) ? (theme.glyphs.unicode ? "◆" : "#") : "⣿"
  }

  /// Draws the axes' labels, every curve of `curves` (the active one over the others) and the marks
  /// into `r`: braille in the curves' colours, or, when `drawsGlyphs`, each curve's glyph in every
  /// cell it passes through (the active curve's over the others', the marks' over all).
  public func draw(into g: inout CellGrid, _ r: Rect, theme: Theme) {
    let plotW = r.width - gutter
    let plotH = r.height - 1
    guard plotW >= 4, plotH >= 2 else { return }
    let inactiveColor = theme.dim
    let activeColor =
      active == .tanh ? theme.tanhCurve : active == .sigmoid ? theme.sigmoidCurve : theme.reluCurve
    if DerivativePlot.drawsGlyphs(theme) {
      let unicode = theme.glyphs.unicode
      // One canvas per curve, the active one last so that it is drawn over the others.
      for curve in curves.filter({ $0 != active }) + curves.filter({ $0 == active }) {
        var one = DerivativePlot(active: curve, marks: [])
        one.curves = [curve]
        let glyph = DerivativePlot.glyph(curve, unicode: unicode)
        one.canvas(columns: plotW, rows: plotH).draw(
          into: &g, x: r.x + gutter, y: r.y,
          colors: [curve == active ? activeColor : inactiveColor], unicode: false,
          asciiMarks: [glyph])
      }
      var marksOnly = self
      marksOnly.curves = []
      marksOnly.canvas(columns: plotW, rows: plotH).draw(
        into: &g, x: r.x + gutter, y: r.y, colors: [theme.marker, theme.marker, theme.marker],
        unicode: false, asciiMarks: [DerivativePlot.markGlyph(theme)])
    } else {
      canvas(columns: plotW, rows: plotH).draw(
        into: &g, x: r.x + gutter, y: r.y, colors: [inactiveColor, activeColor, theme.marker],
        unicode: theme.glyphs.unicode, asciiMarks: [".", "*", "o"])
    }
    let pixelHeight = plotH * 4
    // y labels: 1.0 at the top, 0.25 where σ' peaks, 0 at the bottom.
    for (v, label) in [(1.0, "1.00"), (0.25, "0.25"), (0.0, "0")] {
      let row = Int(((1 - v) * Double(pixelHeight - 1)).rounded()) / 4
      g.text(r.x + gutter - 1 - label.count, r.y + row, label, fg: theme.dim)
      g.put(r.x + gutter - 1, r.y + row, theme.glyphs.unicode ? "┤" : "+", fg: theme.dim)
    }
    // x labels under the plot: −6, 0, 6.
    let axisY = r.y + plotH
    g.text(r.x + gutter, axisY, "-6", fg: theme.dim)
    g.text(r.x + gutter + plotW / 2 - 1, axisY, "0", fg: theme.dim)
    g.text(r.x + r.width - 1, axisY, "6", fg: theme.dim)
  }
}

@inline(__always) private func _tanh(_ x: Double) -> Double { Foundation.tanh(x) }
@inline(__always) private func _exp(_ x: Double) -> Double { Foundation.exp(x) }
