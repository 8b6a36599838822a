import Foundation

/// The values a heatmap's colours span: −limit…+limit for signed values, lower…upper for gates;
/// fixed, or following the values in view (`fromData`, which the legend says).
public struct ColorSpan: Sendable, Equatable {
  public var lower: Double
  public var upper: Double
  public var fromData: Bool

  public init(lower: Double, upper: Double, fromData: Bool) {
    self.lower = lower
    self.upper = upper
    self.fromData = fromData
  }

  /// −1…+1: what tanh reaches.
  public static let signed = ColorSpan(lower: -1, upper: 1, fromData: false)
  /// 0…1: what a gate reaches.
  public static let unit = ColorSpan(lower: 0, upper: 1, fromData: false)

  /// The half-width of a symmetric span.
  public var limit: Double { max(abs(lower), abs(upper)) }

  /// ±m, m the largest |v| of the finite `values` rounded up to 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
  /// times a power of ten (so the range moves in steps, not with every value); ±1 when no value is
  /// finite and nonzero.
  public static func symmetric(_ values: some Sequence<Double>) -> ColorSpan {
    var m = 0.0
    for v in values where v.isFinite { m = max(m, abs(v)) }
    guard m > 0 else { return ColorSpan(lower: -1, upper: 1, fromData: true) }
    let n = nice(m)
    return ColorSpan(lower: -n, upper: n, fromData: true)
  }

  /// The least of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (× 10^k) that is at least m > 0.
  static func nice(_ m: Double) -> Double {
    let k = Int(floor(log10(m)))
    let scale = pow(10, Double(abs(k)))
    func times(_ s: Double) -> Double { k >= 0 ? s * scale : s / scale }
    for s in [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8] where times(s) >= m { return times(s) }
    return k + 1 >= 0 ? pow(10, Double(k + 1)) : 1 / pow(10, Double(-(k + 1)))
  }

  /// The finite `values`' least…greatest, rounded out to twentieths and at least one twentieth
  /// wide (for gates, which lie in 0…1); 0…1 when no value is finite.
  public static func covering(_ values: some Sequence<Double>) -> ColorSpan {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where v.isFinite {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    guard lo <= hi else { return ColorSpan(lower: 0, upper: 1, fromData: true) }
    var l = (lo * 20).rounded(.down)
    var h = (hi * 20).rounded(.up)
    if h <= l {
      if l >= 20 { l -= 1 } else { h = l + 1 }
    }
    return ColorSpan(lower: l / 20, upper: h / 20, fromData: true)
  }
}
