/// Colour maps: a diverging one for signed values and a sequential one for magnitudes.
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

  /// Signed value v in [−limit, limit] → blue … grey … red.
  public static func diverging(_ v: Double, limit: Double = 1) -> RGB {
    interpolate(coolWarm, v / limit)
  }

  /// Magnitude f in [0, 1] → dark purple … yellow.
  public static func sequential(_ f: Double) -> RGB { interpolate(viridis, f) }

  /// Shade characters for monochrome rendering of a magnitude f in [0, 1].
  public static let monoRamp: [Unicode.Scalar] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
  public static func monoShade(_ f: Double) -> Unicode.Scalar {
    let f = f.isNaN ? 0 : min(max(f, 0), 1)
    return monoRamp[min(monoRamp.count - 1, Int(f * Double(monoRamp.count - 1) + 0.5))]
  }
}
