import CLapackShim
import Foundation
import Testing

@testable import RNNCore

/// The C loops after the gradients (parameter_update.c): each optimizer's rule as its formula
/// computes it value by value, bit for bit, on every path this machine has, over a tensor long
/// enough for the vector loop and its tail; the global norm and its fallbacks.
@Suite struct ParameterUpdateTests {
  static let levels = (RS_SIMD_SSE2...rs_simd_level()).map { $0 }

  static func values(_ n: Int, _ g: inout SeededGenerator, _ lo: Double, _ hi: Double) -> [Double] {
    (0..<n).map { _ in g.uniform(lo, hi) }
  }

  @Test(arguments: levels)
  func updateRulesAreTheirFormulas(level: Int32) {
    var g = SeededGenerator(seed: 3)
    let n = 37
    let p0 = Self.values(n, &g, -2, 2)
    let grad = Self.values(n, &g, -1, 1)
    let s0 = Self.values(n, &g, 0, 1)
    let t0 = Self.values(n, &g, 0, 1)
    let (lr, mu, eps, alpha, b1, b2, step, root) = (0.03, 0.9, 1e-8, 0.99, 0.9, 0.999, 0.7, 0.2)
    // SGD with momentum, after its first step
    var (p, s) = (p0, s0)
    #expect(rs_sgd_at(level, n, &p, grad, &s, lr, mu, 0) == 0)
    for i in 0..<n {
      let b = mu * s0[i] + grad[i]
      #expect(s[i] == b && p[i] == p0[i] - lr * b)
    }
    // SGD's first step (buf = g) and plain SGD (μ = 0: no buffer)
    (p, s) = (p0, s0)
    _ = rs_sgd_at(level, n, &p, grad, &s, lr, mu, 1)
    #expect(s == grad && p == zip(p0, grad).map { $0 - lr * $1 })
    (p, s) = (p0, s0)
    _ = rs_sgd_at(level, n, &p, grad, &s, lr, 0, 0)
    #expect(s == s0 && p == zip(p0, grad).map { $0 - lr * $1 })
    // Adagrad and RMSprop
    (p, s) = (p0, s0)
    _ = rs_adagrad_at(level, n, &p, grad, &s, lr, eps)
    for i in 0..<n {
      let sum = s0[i] + grad[i] * grad[i]
      #expect(s[i] == sum && p[i] == p0[i] - lr * grad[i] / (sum.squareRoot() + eps))
    }
    (p, s) = (p0, s0)
    _ = rs_rmsprop_at(level, n, &p, grad, &s, lr, alpha, eps)
    for i in 0..<n {
      let v = alpha * s0[i] + (1 - alpha) * grad[i] * grad[i]
      #expect(s[i] == v && p[i] == p0[i] - lr * grad[i] / (v.squareRoot() + eps))
    }
    // Adam
    (p, s) = (p0, s0)
    var t = t0
    _ = rs_adam_at(level, n, &p, grad, &s, &t, b1, b2, step, root, eps)
    for i in 0..<n {
      let m = b1 * s0[i] + (1 - b1) * grad[i]
      let v = b2 * t0[i] + (1 - b2) * grad[i] * grad[i]
      #expect(s[i] == m && t[i] == v)
      #expect(p[i] == p0[i] - step * m / (v.squareRoot() / root + eps))
    }
    // A θ that stops being finite is counted.
    (p, s) = (p0, s0)
    var huge = grad
    huge[3] = .infinity
    huge[30] = .nan
    #expect(rs_sgd_at(level, n, &p, huge, &s, lr, 0, 0) == 2)
  }

  /// clip_grad_value_, the clip by norm's scaling and the mean from a sum, value by value; NaN
  /// passes the clamp.
  @Test(arguments: levels)
  func clampScaleAndDivide(level: Int32) {
    var g = SeededGenerator(seed: 4)
    var x = Self.values(29, &g, -3, 3)
    x[5] = .nan
    x[6] = -.infinity
    var clamped = x
    rs_clamp_at(level, clamped.count, &clamped, 1.5)
    for (v, c) in zip(x, clamped) {
      if v.isNaN { #expect(c.isNaN) } else { #expect(c == min(max(v, -1.5), 1.5)) }
    }
    var scaled = x
    rs_scale_at(level, scaled.count, &scaled, 0.3)
    for (v, s) in zip(x, scaled) where !v.isNaN { #expect(s == 0.3 * v) }
    // A division, not a multiplication by 1/d (they differ in the last bit for some values).
    var divided = x
    rs_divide_at(level, divided.count, &divided, 3)
    for (v, d) in zip(x, divided) where !v.isNaN { #expect(d == v / 3) }
    #expect(zip(x, divided).contains { !$0.isNaN && $1 != $0 * (1.0 / 3) })
  }

  @Test(arguments: levels)
  func sumOfSquaresGoesInEightLanes(level: Int32) {
    var g = SeededGenerator(seed: 5)
    let (a, b) = (Self.values(21, &g, -3, 3), Self.values(13, &g, -3, 3))
    var lanes = [Double](repeating: 0, count: 8)
    rs_sum_squares_at(level, a.count, a, &lanes)
    rs_sum_squares_at(level, b.count, b, &lanes)
    var want = [Double](repeating: 0, count: 8)
    for (i, x) in a.enumerated() { want[i % 8] = Foundation.fma(x, x, want[i % 8]) }
    for (i, x) in b.enumerated() { want[i % 8] = Foundation.fma(x, x, want[i % 8]) }
    #expect(lanes == want)
  }

  /// ‖θ‖ in one pass where the squares can neither overflow nor underflow; the scaled norm where
  /// they could, and NaN and ∞ as euclideanNorm gives them.
  @Test func globalNormAndItsFallbacks() {
    let c = ModelConfig(cell: .lstm, inputSize: 3, hiddenSize: 5, outputSize: 2)
    var g = SeededGenerator(seed: 7)
    var p = ModelParameters(zerosFor: c)
    p.apply { $0 = g.uniform(-1, 1) }
    let exact = euclideanNorm(p.flat)
    #expect(abs(p.globalNorm - exact) <= 2e-16 * exact)
    for s in [1e200, 1e-200] {
      var q = p
      q.apply { $0 *= s }
      #expect(abs(q.globalNorm - exact * s) <= 1e-15 * exact * s, "scale \(s)")
    }
    var zero = ModelParameters(zerosFor: c)
    #expect(zero.globalNorm == 0)
    zero.layers[0].biasHH[2] = .infinity
    #expect(zero.globalNorm == .infinity)
    zero.layers[0].biasIH[1] = .nan
    #expect(zero.globalNorm.isNaN)
  }
}
