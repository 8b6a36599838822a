import CLapackShim
import Foundation
import Testing

@testable import RNNCore

/// The element-wise functions the batched kernel calls (vector_math.c): tanh and eˣ within 4 ulp of
/// libm's and σ within 6 of 1/(1 + exp(−x)), on every level this CPU has and on an array's tail,
/// and the special values as libm gives them (but σ's flush to 0 below −708).
@Suite struct VectorMathTests {
  /// |a − b| in units of the last place of b.
  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / b.magnitude.ulp
  }

  /// Values across the ranges the gates see: near 0 (where tanh x ≈ x), moderate, and saturated.
  static func values(count: Int) -> [Double] {
    var g = SeededGenerator(seed: 11)
    return (0..<count).map { k in
      switch k % 3 {
      case 0: return g.uniform(-1e-6, 1e-6)
      case 1: return g.uniform(-5, 5)
      default: return g.uniform(-30, 30)
      }
    }
  }

  /// On every level this CPU has (AVX-512 and AVX2: our tanh; SSE2: libmvec's), 4,099 values
  /// (the last 3 through the tail) and a dense sweep of [−3, 3], where the gates live and where
  /// e^(2|x|) − 1 is rebuilt from 2ᵏ with k = 0…9.
  @Test(arguments: [RS_SIMD_AVX512, RS_SIMD_AVX2, RS_SIMD_SSE2])
  func tanhIsWithinFourULPOfLibm(level: Int32) {
    let sweep = (0..<200_001).map { -3 + 6 * Double($0) / 200_000 }
    let x = Self.values(count: 4_099) + sweep
    var y = [Double](repeating: .nan, count: x.count)
    rs_vtanh_at(level, x.count, x, &y)
    let worst = zip(y, x).map { Self.ulps($0, Foundation.tanh($1)) }.max()!
    #expect(worst <= 4, "level \(level): worst \(worst) ulp")
  }

  @Test(arguments: [RS_SIMD_AVX512, RS_SIMD_AVX2, RS_SIMD_SSE2])
  func tanhKeepsSpecialValues(level: Int32) {
    let x: [Double] = [
      0, -0.0, .infinity, -.infinity, .nan, 19, 20, 21, -25, 1e-300, 5e-324, -3, 710, -1e308,
      -.nan, 22, 0.5 * .ulpOfOne,
    ]
    var y = [Double](repeating: 7, count: x.count)
    rs_vtanh_at(level, x.count, x, &y)
    for (v, t) in zip(x, y) {
      let want = Foundation.tanh(v)
      if want.isNaN {
        #expect(t.isNaN, "tanh(\(v)) = \(t)")
      } else {
        #expect(Self.ulps(t, want) <= 4, "tanh(\(v)) = \(t), libm \(want)")
        #expect(t.sign == want.sign, "tanh(\(v)) = \(t)")
      }
    }
  }

  /// On every level this CPU has (σ: ours on AVX-512 and AVX2, libmvec's exp on SSE2), over the
  /// gates' ranges, a dense sweep of [−12, 12], and values down to −707.9, near where ours stops.
  @Test(arguments: [RS_SIMD_AVX512, RS_SIMD_AVX2, RS_SIMD_SSE2])
  func sigmoidAndExpAreWithinFourULPOfLibm(level: Int32) {
    let sweep = (0..<100_001).map { -12 + 24 * Double($0) / 100_000 }
    let x = Self.values(count: 1_027) + sweep + [-60, -300, -700, -707.9, 40, 50, 700]
    var e = [Double](repeating: .nan, count: x.count)
    rs_vexp_at(level, x.count, x, &e)
    var s = x
    rs_vsigmoid_at(level, s.count, &s)
    for k in x.indices {
      #expect(Self.ulps(e[k], Foundation.exp(x[k])) <= 4, "exp(\(x[k])) = \(e[k])")
      // σ = 1/(1 + e^−x): exp's 4 ulp plus the add and the divide's roundings.
      let sigma = 1 / (1 + Foundation.exp(-x[k]))
      #expect(Self.ulps(s[k], sigma) <= 6, "level \(level): σ(\(x[k])) = \(s[k]), libm \(sigma)")
    }
  }

  /// σ's special values on every level: ±∞, NaN, 0, 30 (σ just below 1) and 38 (rounds to 1); below
  /// −708 ours gives 0, where libm's 1/(1 + exp(−x)) gives values under 4·10⁻³⁰⁸ down to −709.8
  /// (SSE2, libmvec's exp: those), then 0 on every level.
  @Test(arguments: [RS_SIMD_AVX512, RS_SIMD_AVX2, RS_SIMD_SSE2])
  func sigmoidKeepsSpecialValues(level: Int32) {
    var s: [Double] = [
      .infinity, -.infinity, .nan, 0, -0.0, -709.9, -800, -1e308, 1e308, 30, 38, -708.2, -709.5,
    ]
    rs_vsigmoid_at(level, s.count, &s)
    #expect(s[0] == 1 && s[1] == 0 && s[2].isNaN, "\(s)")
    #expect(s[3] == 0.5 && s[4] == 0.5, "\(s)")
    #expect(s[5...7].allSatisfy { $0 == 0 }, "\(s)")
    #expect(s[8] == 1 && s[10] == 1, "\(s)")
    #expect(s[9] < 1 && Self.ulps(s[9], 1 / (1 + Foundation.exp(-30.0))) <= 6, "\(s)")
    let ours = min(level, rs_simd_level()) >= RS_SIMD_AVX2
    for v in s[11...12] {
      if ours {
        #expect(v == 0, "level \(level): \(s)")
      } else {
        #expect(v > 0 && v < 4e-308, "level \(level): \(s)")
      }
    }
  }
}
