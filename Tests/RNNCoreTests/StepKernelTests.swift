import CLapackShim
import Foundation
import Testing

@testable import RNNCore

/// The C kernels of one recurrent step — the matrix–vector products (`rs_gemm` with one row:
/// AVX-512 where the CPU has it, else BLAS) and the LSTM's pointwise arithmetic (AVX2 or scalar) —
/// against the plain formulas, on sizes that leave every vector tail (not multiples of 4 or 8, more
/// than 64 columns).
@Suite struct StepKernelTests {
  // The last one (1 M values) goes to BLAS on every machine.
  static let shapes: [(Int, Int)] = [
    (1, 1), (3, 5), (4, 8), (7, 13), (13, 130), (5, 200), (100, 100), (512, 128), (768, 256),
    (1024, 1024),
  ]

  @Test(arguments: [false, true])
  func oneRowProductsMatchTheSums(transposed: Bool) {
    var g = SeededGenerator(seed: 4)
    for (rows, cols) in Self.shapes {
      // B row-major rows × cols; with `transposed` c = Bᵀ a (a has rows values), else c = B a (cols
      // values).
      let b = (0..<(rows * cols)).map { _ in g.uniform(-1, 1) }
      let inCount = transposed ? rows : cols
      let outCount = transposed ? cols : rows
      let a = (0..<inCount).map { _ in g.uniform(-1, 1) }
      for (alpha, beta) in [(1.0, 0.0), (1.0, 1.0), (-0.5, 2.0)] {
        // β = 0 never reads y
        let y0 = (0..<outCount).map { _ in beta == 0 ? Double.nan : g.uniform(-1, 1) }
        var c = y0
        if transposed {
          // c (1 × cols) = a (1 × rows) · B (rows × cols)
          rs_gemm(
            0, 0, 1, Int32(cols), Int32(rows), alpha, a, Int32(rows), b, Int32(cols), beta, &c,
            Int32(cols))
        } else {
          // c (1 × rows) = a (1 × cols) · Bᵀ
          rs_gemm(
            0, 1, 1, Int32(rows), Int32(cols), alpha, a, Int32(cols), b, Int32(cols), beta, &c,
            Int32(rows))
        }
        for o in 0..<outCount {
          var s = 0.0
          var size = 0.0
          for i in 0..<inCount {
            let term = transposed ? b[i * cols + o] * a[i] : b[o * cols + i] * a[i]
            s += term
            size += abs(term)
          }
          let want = alpha * s + (beta == 0 ? 0 : beta * y0[o])
          #expect(
            abs(c[o] - want) <= 1e-14 * (size + abs(beta * (beta == 0 ? 0 : y0[o]))) + 1e-300,
            "\(rows)×\(cols) transposed \(transposed) α \(alpha) β \(beta) at \(o): \(c[o]) vs \(want)"
          )
        }
      }
    }
  }

  /// Every path this machine has: the dispatched one and those other machines take.
  static let levels = (RS_SIMD_SSE2...rs_simd_level()).map { $0 }

  @Test(arguments: [1, 7, 13, 128], levels)
  func lstmPointwiseMatchesTheEquations(n: Int, level: Int32) {
    var g = SeededGenerator(seed: UInt64(n))
    func values(_ count: Int, _ lo: Double, _ hi: Double) -> [Double] {
      (0..<count).map { _ in g.uniform(lo, hi) }
    }
    // σ in place, including arguments where e^(−x) overflows (σ → 0) or vanishes (σ → 1).
    var x = values(n, -8, 8)
    x[0] = -800
    if n > 1 { x[n - 1] = 800 }
    var s = x
    rs_vsigmoid_at(level, n, &s)
    for j in 0..<n {
      #expect(abs(s[j] - 1 / (1 + Foundation.exp(-x[j]))) <= 4e-16 * max(1e-300, s[j]) + 1e-300)
    }
    // A step forward over 3 rows: z = [i f g o] pre-activations → σ(i) σ(f) tanh(g) σ(o);
    // c = f·c₋ + i·g;  tc = tanh c;  h = o·tc
    let rows = 3
    let pre = values(rows * 4 * n, -3, 3)
    let cp = values(rows * n, -3, 3)
    var z = pre
    var c = [Double](repeating: 0, count: rows * n)
    var tc = c
    var h = c
    rs_lstm_forward_at(level, rows, n, &z, cp, &c, &tc, &h)
    for r in 0..<rows {
      for j in 0..<n {
        let (zr, u) = (r * 4 * n, r * n + j)
        let sigmoid = { (v: Double) in 1 / (1 + Foundation.exp(-v)) }
        let (i, f, gg, o) = (z[zr + j], z[zr + n + j], z[zr + 2 * n + j], z[zr + 3 * n + j])
        #expect(abs(i - sigmoid(pre[zr + j])) <= 1e-15)
        #expect(abs(f - sigmoid(pre[zr + n + j])) <= 1e-15)
        #expect(abs(gg - Foundation.tanh(pre[zr + 2 * n + j])) <= 1e-15)
        #expect(abs(o - sigmoid(pre[zr + 3 * n + j])) <= 1e-15)
        let cj = f * cp[u] + i * gg
        #expect(c[u] == cj)
        #expect(abs(tc[u] - Foundation.tanh(cj)) <= 1e-15)
        #expect(h[u] == o * tc[u])
      }
    }
    // The step back, d(Z) over the gates, the bias gradient summed over the rows in order.
    let dh0 = values(rows * n, -1, 1)
    let carry = values(rows * n, -1, 1)
    let dcarry0 = values(rows * n, -1, 1)
    let bias0 = values(4 * n, -1, 1)
    var dh = dh0
    var dcarry = dcarry0
    var dz = z  // d(Z) is written over the gates
    var bias = bias0
    rs_lstm_backward_at(level, rows, n, &dz, tc, cp, &dh, carry, &dcarry, &bias)
    var wantBias = bias0
    for r in 0..<rows {
      for j in 0..<n {
        let (zr, u) = (r * 4 * n, r * n + j)
        let (i, f, gg, o) = (z[zr + j], z[zr + n + j], z[zr + 2 * n + j], z[zr + 3 * n + j])
        let d = dh0[u] + carry[u]
        let t = tc[u]
        let dc = dcarry0[u] + d * o * (1 - t * t)
        let want = [
          dc * gg * i * (1 - i), dc * cp[u] * f * (1 - f), dc * i * (1 - gg * gg),
          d * t * o * (1 - o),
        ]
        #expect(dh[u] == d)
        #expect(dcarry[u] == dc * f)
        for q in 0..<4 {
          #expect(dz[zr + q * n + j] == want[q])
          wantBias[q * n + j] += want[q]
        }
      }
    }
    #expect(bias == wantBias)
  }
}
