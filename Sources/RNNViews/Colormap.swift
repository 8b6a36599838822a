/// Colour maps: diverging ones for signed values and sequential ones for magnitudes (`Palette`
/// chooses a pair).
public enum Colormap {
  /// Moreland's perceptually uniform cool–warm diverging map: −1 blue, 0 neutral grey, +1 red.
  static let coolWarm: [(Double, RGB)] = [
    (-1.0, RGB(59, 76, 192)), (-0.75, RGB(98, 130, 234)), (-0.5, RGB(141, 176, 254)),
    (-0.25, RGB(184, 208, 249)),
    (0.0, RGB(221, 221, 221)), (0.25, RGB(245, 196, 173)), (0.5, RGB(244, 154, 123)),
    (0.75, RGB(222, 96, 77)),
    (1.0, RGB(180, 4, 38)),
  ]

  /// Viridis, six stops, for magnitudes in [0, 1].
  static let viridis: [(Double, RGB)] = [
    (0.0, RGB(68, 1, 84)), (0.2, RGB(65, 68, 135)), (0.4, RGB(42, 120, 142)),
    (0.6, RGB(34, 168, 132)),
    (0.8, RGB(122, 209, 81)), (1.0, RGB(253, 231, 37)),
  ]

  /// Blue–orange for colour-blind eyes: ColorBrewer's RdBu blues (−1 … −0.25), its neutral
  /// (0), and PuOr's oranges (0.25 … 1); the lightness falls alike on both sides of 0.
  static let blueOrange: [(Double, RGB)] = [
    (-1.0, RGB(5, 48, 97)), (-0.75, RGB(33, 102, 172)), (-0.5, RGB(67, 147, 195)),
    (-0.25, RGB(146, 197, 222)),
    (0.0, RGB(247, 247, 247)), (0.25, RGB(253, 184, 99)), (0.5, RGB(224, 130, 20)),
    (0.75, RGB(179, 88, 6)),
    (1.0, RGB(127, 59, 8)),
  ]

  /// Cividis (Nuñez, Anderton & Renslow 2018; matplotlib's table: entries 0, 16, … 240 and 255):
  /// blue to yellow, for magnitudes in [0, 1].
  static let cividis: [(Double, RGB)] = [
    (0.0, RGB(0, 34, 78)), (0.0627, RGB(0, 46, 106)), (0.1255, RGB(26, 56, 111)),
    (0.1882, RGB(50, 67, 109)), (0.2510, RGB(67, 78, 108)), (0.3137, RGB(83, 90, 109)),
    (0.3765, RGB(97, 101, 111)), (0.4392, RGB(111, 112, 115)), (0.5020, RGB(125, 124, 120)),
    (0.5647, RGB(140, 136, 120)), (0.6275, RGB(155, 148, 118)), (0.6902, RGB(171, 160, 114)),
    (0.7529, RGB(188, 174, 108)), (0.8157, RGB(205, 187, 100)), (0.8784, RGB(222, 201, 88)),
    (0.9412, RGB(240, 216, 70)), (1.0, RGB(254, 232, 56)),
  ]

  /// c(v) = linear interpolation between the two stops around v, v clamped to the map's range
  static func interpolate(_ stops: [(Double, RGB)], _ v: Double) -> RGB {
    let v = v.isNaN ? stops[stops.count / 2].0 : min(max(v, stops.first!.0), stops.last!.0)
    for i in 1..<stops.count where v <= stops[i].0 {
      let (v0, c0) = stops[i - 1]
      let (v1, c1) = stops[i]
      let f = (v - v0) / (v1 - v0)
      func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
        UInt8((Double(a) + (Double(b) - Double(a)) * f).rounded())
      }
      return RGB(mix(c0.r, c1.r), mix(c0.g, c1.g), mix(c0.b, c1.b))
    }
    return stops.last!.1
  }

  /// Signed value v in [−limit, limit] → blue … grey … red (the default palette's map).
  public static func diverging(_ v: Double, limit: Double = 1) -> RGB {
    Palette.standard.diverging(v, limit: limit)
  }

  /// Magnitude f in [0, 1] → dark purple … yellow (the default palette's map).
  public static func sequential(_ f: Double) -> RGB { Palette.standard.sequential(f) }

  /// Shade characters for monochrome rendering of a magnitude f in [0, 1].
  public static let monoRamp: [Unicode.Scalar] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
  public static func monoShade(_ f: Double) -> Unicode.Scalar {
    let f = f.isNaN ? 0 : min(max(f, 0), 1)
    return monoRamp[min(monoRamp.count - 1, Int(f * Double(monoRamp.count - 1) + 0.5))]
  }
}
