import Foundation

/// Number formatting for readouts: fixed for ordinary magnitudes, scientific for tiny and huge
/// ones.
public enum NumberFormat {
  /// "0.123", "-1.50", "3.21e-140"
  public static func short(_ v: Double, digits: Int = 3) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
    if v == 0 { return "0" }
    let a = abs(v)
    if a >= 1e-3 && a < 1e4 { return String(format: "%.\(digits)f", v) }
    return scientific(v, digits: max(1, digits - 1))
  }

  /// "3.21e-140": C's %e with a compact exponent
  public static func scientific(_ v: Double, digits: Int = 2) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
    let s = String(format: "%.\(digits)e", v)
    guard let e = s.firstIndex(of: "e") else { return s }
    let mantissa = s[..<e]
    let exponent = Int(s[s.index(after: e)...]) ?? 0
    return "\(mantissa)e\(exponent)"
  }

  /// "0.45", "-1", "2.5", "1.5e-7": the shortest form (%g, six digits at most) with a compact
  /// exponent, for the ends of a colour scale.
  public static func compact(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
    let s = String(format: "%g", v)
    guard let e = s.firstIndex(of: "e") else { return s }
    return "\(s[..<e])e\(Int(s[s.index(after: e)...]) ?? 0)"
  }

  /// "1e-6" for a power of ten.
  public static func decade(_ k: Int) -> String { k == 0 ? "1" : "1e\(k)" }
}
