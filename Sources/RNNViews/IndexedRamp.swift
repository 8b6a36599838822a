import Foundation

/// A colour map as a terminal with 256 colours can show it: `samples` colours evenly over
/// lower…upper, each the xterm entry (of the 6×6×6 cube or the grey ramp, never the 16 a terminal's
/// theme redefines) nearest to the map's colour there — in CIE L*a*b*, lightness counted three
/// times — among the entries that keep the lightness in the map's order going out from `start`, of
/// a hue within 30° of the map's (a grey only where the map's chroma is 25 or less, no hue where it
/// is 8 or less). The nearest entries by RGB distance alone would make a sequential map darken in
/// places and turn cividis' olive middle pink.
public struct IndexedRamp: Sendable {
  /// The ramp's colours, from lower to upper.
  public let colors: [RGB]
  let lower: Double
  let upper: Double

  /// `start`: the sample the lightness order goes out from (the darkest of a sequential map, the
  /// middle of a diverging one).
  public init(
    samples: Int, lower: Double, upper: Double, start: Int, map: (Double) -> RGB
  ) {
    self.lower = lower
    self.upper = upper
    let wanted = (0..<samples).map {
      map(lower + (upper - lower) * Double($0) / Double(samples - 1))
    }
    let entries = IndexedRamp.entries.map { ($0, IndexedRamp.lab($0)) }
    var out = [RGB](repeating: RGB(0, 0, 0), count: samples)
    var lightness = [Double](repeating: 0, count: samples)
    // The nearest allowed entry whose lightness `fits`; nil when there is none.
    func nearest(_ c: RGB, _ fits: (Double) -> Bool) -> (RGB, Double)? {
      let target = IndexedRamp.lab(c)
      var best: (RGB, Double)? = nil
      var bestD = Double.infinity
      for (rgb, lab) in entries where fits(lab.l) && IndexedRamp.related(lab, target) {
        let dl = 3 * (lab.l - target.l)
        let d =
          dl * dl + (lab.a - target.a) * (lab.a - target.a)
          + (lab.b - target.b) * (lab.b - target.b)
        if d < bestD {
          best = (rgb, lab.l)
          bestD = d
        }
      }
      return best
    }
    let first = nearest(wanted[start]) { _ in true }
    (out[start], lightness[start]) = first ?? (wanted[start], IndexedRamp.lab(wanted[start]).l)
    for step in [-1, 1] {
      var i = start
      while i + step >= 0 && i + step < samples {
        let j = i + step
        let rising = IndexedRamp.lab(wanted[j]).l >= IndexedRamp.lab(wanted[i]).l
        let from = lightness[i]
        // No entry fits: the sample before's colour again.
        (out[j], lightness[j]) =
          nearest(wanted[j]) { rising ? $0 >= from : $0 <= from } ?? (out[i], lightness[i])
        i = j
      }
    }
    colors = out
  }

  /// The ramp's colour for v (clamped to lower…upper; NaN: the middle sample).
  public func color(_ v: Double) -> RGB {
    guard !v.isNaN else { return colors[colors.count / 2] }
    let f = (min(max(v, lower), upper) - lower) / (upper - lower)
    return colors[Int((f * Double(colors.count - 1)).rounded())]
  }

  /// The xterm entries 16 … 255: the cube's levels 0, 95, 135, 175, 215, 255, then 24 greys.
  static let entries: [RGB] = {
    let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
    var e: [RGB] = []
    for r in levels { for g in levels { for b in levels { e.append(RGB(r, g, b)) } } }
    for i in 0..<24 { e.append(RGB(UInt8(8 + 10 * i), UInt8(8 + 10 * i), UInt8(8 + 10 * i))) }
    return e
  }()

  struct Lab {
    var l: Double
    var a: Double
    var b: Double
    var chroma: Double { (a * a + b * b).squareRoot() }
    /// The hue angle in degrees.
    var hue: Double { atan2(b, a) * 180 / .pi }
  }

  /// Whether `entry` may stand for `target`: a grey for a colour of chroma 25 or less, a colour
  /// within 30° of its hue for one of more than 8.
  static func related(_ entry: Lab, _ target: Lab) -> Bool {
    if entry.chroma <= 8 { return target.chroma <= 25 }
    guard target.chroma > 8 else { return false }
    let d = abs(entry.hue - target.hue).truncatingRemainder(dividingBy: 360)
    return min(d, 360 - d) <= 30
  }

  static func distance(_ x: Lab, _ y: Lab) -> Double {
    let dl = x.l - y.l
    let da = x.a - y.a
    let db = x.b - y.b
    return dl * dl + da * da + db * db
  }

  /// sRGB → CIE L*a*b* (D65).
  static func lab(_ c: RGB) -> Lab {
    func linear(_ v: UInt8) -> Double {
      let x = Double(v) / 255
      return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
    }
    let (r, g, b) = (linear(c.r), linear(c.g), linear(c.b))
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
    return Lab(l: 116 * f(y) - 16, a: 500 * (f(x) - f(y)), b: 200 * (f(y) - f(z)))
  }
}
