import Foundation

/// What a gradient profile is multiplied by per step back, from its norms per step.
public enum GradientFactors {
  /// factor[t] = ‖g_{t−1}‖ / ‖g_t‖ for the norms ‖g_t‖ of `norms`: nil at t = 0 (no step before
  /// it) and where ‖g_t‖ is 0 or either norm is not finite.
  public static func perStep(_ norms: [Double]) -> [Double?] {
    norms.indices.map { t in
      guard t > 0, norms[t] > 0, norms[t].isFinite, norms[t - 1].isFinite else { return nil }
      return norms[t - 1] / norms[t]
    }
  }

  /// The factor per step back on average from the last step to the first,
  /// (‖g_0‖ / ‖g_{n−1}‖)^(1/(n−1)): the geometric mean of `perStep` where none is nil (nil with
  /// fewer than two norms or an end that is not positive and finite).
  public static func mean(_ norms: [Double]) -> Double? {
    guard norms.count >= 2, let first = norms.first, let last = norms.last, first > 0, last > 0,
      first.isFinite, last.isFinite
    else { return nil }
    return pow(first / last, 1 / Double(norms.count - 1))
  }
}
