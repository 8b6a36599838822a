import CLapackShim
import Foundation
import Testing

@testable import RNNCore

/// The kernels' AVX-512 paths give the bits of their AVX2 paths, so that a model trains to the
/// same numbers on a CPU with AVX-512 and on one with AVX2 only (where the OpenBLAS products
/// beside them agree). Run where the CPU has AVX-512; skipped elsewhere.
@Suite(.enabled(if: rs_simd_level() >= RS_SIMD_AVX512, "the CPU has no AVX-512"))
struct SIMDPathTests {
  /// rs_gemm_packed on both paths: partial panels (n not a multiple of 8), partial row blocks and
  /// panel groups, the recurrence's shapes, k ≤ 4 (AVX-512's path for a layer's few inputs), β 0,
  /// 1, ½ and 0.3 (β·C rounded before it is added), and a C with room past its rows' ends
  /// (ldc > n) that neither path may touch.
  @Test func packedGEMMPathsGiveTheSameBits() {
    var g = SeededGenerator(seed: 17)
    let shapes = [
      (16, 256, 64), (16, 64, 256), (8, 512, 128), (8, 128, 512), (5, 13, 7), (1, 8, 3),
      (13, 20, 33), (7, 100, 33), (3, 250, 9), (16, 1, 64), (32, 40, 5), (40, 100, 2),
      (9, 13, 4), (800, 256, 2),
    ]
    for (m, n, k) in shapes {
      let b = (0..<(k * n)).map { _ in g.uniform(-1, 1) }
      let a = (0..<(m * k)).map { _ in g.uniform(-1, 1) }
      let ldc = n + 3
      let c0 = (0..<(m * ldc)).map { _ in g.uniform(-1, 1) }
      var packed = [Double](repeating: .nan, count: PackedMatrix.size(k: k, n: n))
      rs_pack_panels(Int32(k), Int32(n), b, n, 1, &packed)
      for beta in [0.0, 1.0, 0.5, 0.3] {
        var wide = c0
        var narrow = c0
        rs_gemm_packed_at(
          RS_SIMD_AVX512, Int32(m), Int32(n), Int32(k), a, k, packed, beta, &wide, ldc)
        rs_gemm_packed_at(
          RS_SIMD_AVX2, Int32(m), Int32(n), Int32(k), a, k, packed, beta, &narrow, ldc)
        #expect(Self.firstDifference(wide, narrow) == nil, "m \(m) n \(n) k \(k) β \(beta)")
        #expect(wide != c0, "m \(m) n \(n) k \(k) β \(beta): nothing written")
        for r in 0..<m {
          #expect(wide[(r * ldc + n)..<(r * ldc + ldc)] == c0[(r * ldc + n)..<(r * ldc + ldc)])
        }
      }
    }
  }

  /// rs_gemm_tn_add (C += Aᵀ·B) on both paths: B's last panel partial (read through masks), C's
  /// rows in blocks of 1–6, A and B with row strides wider than their rows, k across the 64-row
  /// chunks; C's columns past n untouched.
  @Test func transposedGEMMPathsGiveTheSameBits() {
    var g = SeededGenerator(seed: 23)
    for (m, n, k) in [
      (256, 64, 800), (65, 128, 130), (13, 7, 33), (1, 64, 5), (7, 100, 64), (6, 9, 1),
    ] {
      let (lda, ldb, ldc) = (m + 2, n + 5, n + 3)
      let a = (0..<(k * lda)).map { _ in g.uniform(-1, 1) }
      let b = (0..<(k * ldb)).map { _ in g.uniform(-1, 1) }
      let c0 = (0..<(m * ldc)).map { _ in g.uniform(-1, 1) }
      var wide = c0
      var narrow = c0
      rs_gemm_tn_add_at(RS_SIMD_AVX512, Int32(m), Int32(n), Int32(k), a, lda, b, ldb, &wide, ldc)
      rs_gemm_tn_add_at(RS_SIMD_AVX2, Int32(m), Int32(n), Int32(k), a, lda, b, ldb, &narrow, ldc)
      #expect(Self.firstDifference(wide, narrow) == nil, "m \(m) n \(n) k \(k)")
      #expect(wide != c0, "m \(m) n \(n) k \(k): nothing written")
      for r in 0..<m {
        #expect(wide[(r * ldc + n)..<(r * ldc + ldc)] == c0[(r * ldc + n)..<(r * ldc + ldc)])
      }
    }
  }

  /// Values across what the gates and the softmax see, of every magnitude, and the special ones.
  static func values(count: Int, seed: UInt64) -> [Double] {
    var g = SeededGenerator(seed: seed)
    var v = (0..<count).map { k -> Double in
      switch k % 4 {
      case 0: return g.uniform(-8, 8)
      case 1: return g.uniform(-750, 750)
      case 2: return Foundation.pow(10, Double(Int(g.uniform(-300, 3)))) * g.uniform(-1, 1)
      default: return Double(bitPattern: UInt64(g.uniform(0, 1) * 0x1p63) << 1)
      }
    }
    let special: [Double] = [
      0, -0.0, .infinity, -.infinity, 709.78, 709.79, -745.13, -745.14, 5e-324, -5e-324,
    ]
    if count > 100 { v.replaceSubrange(0..<special.count, with: special) }
    return v
  }

  /// eˣ and σ(x) on both paths, over lengths whose tails take the 4-lane form and libm.
  @Test func expAndSigmoidPathsGiveTheSameBits() {
    for n in [1, 3, 4, 7, 8, 12, 13, 100_003] {
      let x = Self.values(count: n, seed: UInt64(n))
      var wide = [Double](repeating: 0, count: n)
      var narrow = wide
      rs_vexp_at(RS_SIMD_AVX512, n, x, &wide)
      rs_vexp_at(RS_SIMD_AVX2, n, x, &narrow)
      #expect(Self.firstDifference(wide, narrow) == nil, "exp, n \(n)")
      wide = x
      narrow = x
      rs_vsigmoid_at(RS_SIMD_AVX512, n, &wide)
      rs_vsigmoid_at(RS_SIMD_AVX2, n, &narrow)
      #expect(Self.firstDifference(wide, narrow) == nil, "σ, n \(n)")
    }
  }

  /// tanh on both paths (our own: 8 lanes on AVX-512, two halves of 4 on AVX2), over lengths whose
  /// tails take the zero-padded form, and the special values.
  @Test func tanhPathsGiveTheSameBits() {
    for n in [1, 3, 4, 7, 8, 12, 13, 100_003] {
      let x = Self.values(count: n, seed: UInt64(n + 1000))
      var wide = [Double](repeating: 0, count: n)
      var narrow = wide
      rs_vtanh_at(RS_SIMD_AVX512, n, x, &wide)
      rs_vtanh_at(RS_SIMD_AVX2, n, x, &narrow)
      #expect(Self.firstDifference(wide, narrow) == nil, "tanh, n \(n)")
      // Each value has the bits it has alone, wherever it sits (the tail as any lane).
      for k in Swift.stride(from: 0, to: n, by: max(1, n / 7)) {
        var alone = [Double.nan]
        rs_vtanh_at(RS_SIMD_AVX2, 1, [x[k]], &alone)
        #expect(alone[0].bitPattern == wide[k].bitPattern, "tanh(\(x[k])) at \(k) of \(n)")
      }
    }
  }

  /// An LSTM step forward and back on both paths, for widths whose stretches end in tails.
  @Test(arguments: [1, 5, 8, 13, 64])
  func lstmStepPathsGiveTheSameBits(n: Int) {
    let rows = 5
    var g = SeededGenerator(seed: UInt64(40 + n))
    func values(_ count: Int, _ scale: Double) -> [Double] {
      (0..<count).map { _ in g.uniform(-scale, scale) }
    }
    let pre = values(rows * 4 * n, 6)
    let cp = values(rows * n, 3)
    let (dh0, carry, dcarry0, bias0) = (
      values(rows * n, 1), values(rows * n, 1), values(rows * n, 1), values(4 * n, 1)
    )
    var outs: [[[Double]]] = []
    for level in [RS_SIMD_AVX512, RS_SIMD_AVX2] {
      var z = pre
      var c = [Double](repeating: 0, count: rows * n)
      var tc = c
      var h = c
      rs_lstm_forward_at(level, rows, n, &z, cp, &c, &tc, &h)
      var (dh, dcarry, bias) = (dh0, dcarry0, bias0)
      var dz = z
      rs_lstm_backward_at(level, rows, n, &dz, tc, cp, &dh, carry, &dcarry, &bias)
      outs.append([z, c, tc, h, dh, dcarry, dz, bias])
    }
    for (q, name) in ["z", "c", "tanh c", "h", "dh", "dc", "dz", "db"].enumerated() {
      #expect(Self.firstDifference(outs[0][q], outs[1][q]) == nil, "\(name), n \(n)")
    }
  }

  /// The first index where `a` and `b` differ in their bits (NaN payloads aside), or nil.
  static func firstDifference(_ a: [Double], _ b: [Double]) -> Int? {
    precondition(a.count == b.count)
    return a.indices.first { a[$0].bitPattern != b[$0].bitPattern && !(a[$0].isNaN && b[$0].isNaN) }
  }
}
