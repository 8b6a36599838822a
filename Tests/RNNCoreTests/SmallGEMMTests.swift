import CLapackShim
import Foundation
import Testing

@testable import RNNCore

/// The engine's own small GEMMs (small_gemm.c). The weight gradients' C += Aᵀ·B (`rs_gemm_tn_add`,
/// `MutableRows.add(transposed:times:ownKernel:)`): each C value one chain of fused multiply-adds
/// over A's rows in order, from C, on every path this machine has — so the same bits as a loop of
/// `fma`s — and BLAS's product up to rounding; the packed product with a bias row.
@Suite struct SmallGEMMTests {
  static let levels = (RS_SIMD_SSE2...rs_simd_level()).map { $0 }

  @Test(arguments: levels)
  func transposedProductIsOneFMAChainPerValue(level: Int32) {
    var g = SeededGenerator(seed: 29)
    for (m, n, k) in [(64, 40, 150), (13, 7, 33), (1, 9, 5), (6, 8, 64), (20, 3, 65)] {
      let (lda, ldb, ldc) = (m + 1, n + 2, n + 3)
      let a = (0..<(k * lda)).map { _ in g.uniform(-1, 1) }
      let b = (0..<(k * ldb)).map { _ in g.uniform(-1, 1) }
      let c0 = (0..<(m * ldc)).map { _ in g.uniform(-1, 1) }
      var c = c0
      rs_gemm_tn_add_at(level, Int32(m), Int32(n), Int32(k), a, lda, b, ldb, &c, ldc)
      var want = c0
      for i in 0..<m {
        for j in 0..<n {
          var s = c0[i * ldc + j]
          for kk in 0..<k { s = Foundation.fma(a[kk * lda + i], b[kk * ldb + j], s) }
          want[i * ldc + j] = s
        }
      }
      #expect(c == want, "level \(level): m \(m) n \(n) k \(k)")
    }
  }

  /// Through `MutableRows`, on a strided slice of A's columns (a weight gradient's gate rows), as
  /// BLAS computes it to rounding.
  @Test func transposedProductMatchesBLAS() {
    var g = SeededGenerator(seed: 31)
    for (m, n, k) in [(24, 16, 50), (130, 64, 800)] {
      let width = m + 8  // A's rows hold m columns from offset 4
      let a = (0..<(k * width)).map { _ in g.uniform(-1, 1) }
      let b = (0..<(k * n)).map { _ in g.uniform(-1, 1) }
      let c0 = (0..<(m * n)).map { _ in g.uniform(-1, 1) }
      var expected = c0
      a.withUnsafeBufferPointer { ap in
        rs_gemm(
          1, 0, Int32(m), Int32(n), Int32(k), 1, ap.baseAddress! + 4, Int32(width), b, Int32(n),
          1, &expected, Int32(n))
      }
      var got = c0
      a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
          got.withUnsafeMutableBufferPointer { cp in
            MutableRows(cp.baseAddress!, count: m, width: n).add(
              transposed: Rows(ap.baseAddress! + 4, count: k, width: m, stride: width),
              times: Rows(bp.baseAddress!, count: k, width: n), ownKernel: true)
          }
        }
      }
      let worst = zip(got, expected).map { abs($0 - $1) }.max()!
      #expect(worst <= 1e-13 * Double(k), "m \(m) n \(n) k \(k): \(worst)")
    }
  }

  /// C = bias + A·P is C set to the bias in every row and then A·P added (β = 1), bit for bit, on
  /// every path; with partial panels and row blocks, and C's columns past n untouched.
  @Test(arguments: levels)
  func packedProductWithABiasRow(level: Int32) {
    var g = SeededGenerator(seed: 37)
    for (m, n, k) in [(16, 256, 2), (13, 65, 128), (1, 9, 5), (7, 1, 64)] {
      let ldc = n + 2
      let w = (0..<(k * n)).map { _ in g.uniform(-1, 1) }
      let a = (0..<(m * k)).map { _ in g.uniform(-1, 1) }
      let bias = (0..<n).map { _ in g.uniform(-1, 1) }
      var packed = [Double](repeating: .nan, count: PackedMatrix.size(k: k, n: n))
      rs_pack_panels(Int32(k), Int32(n), w, n, 1, &packed)
      let c0 = (0..<(m * ldc)).map { _ in g.uniform(-1, 1) }
      var got = c0
      rs_gemm_packed_bias_at(level, Int32(m), Int32(n), Int32(k), a, k, packed, bias, &got, ldc)
      var want = c0
      for r in 0..<m { want.replaceSubrange((r * ldc)..<(r * ldc + n), with: bias) }
      rs_gemm_packed_at(level, Int32(m), Int32(n), Int32(k), a, k, packed, 1, &want, ldc)
      #expect(got == want, "level \(level): m \(m) n \(n) k \(k)")
      for r in 0..<m {
        #expect(got[(r * ldc + n)..<(r * ldc + ldc)] == c0[(r * ldc + n)..<(r * ldc + ldc)])
      }
    }
  }
}
