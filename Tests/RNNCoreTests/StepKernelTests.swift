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

  @Test(arguments: [
    (1, false), (7, false), (13, false), (128, false), (1, true), (7, true), (13, true),
    (128, true),
  ])
  func lstmPointwiseMatchesTheEquations(n: Int, portable: Bool) {
    // The dispatched kernels (AVX2 on this machine) and the paths other machines take.
    let sigmoid = portable ? rs_vsigmoid_portable : rs_vsigmoid
    let cell = portable ? rs_lstm_cell_portable : rs_lstm_cell
    let back = portable ? rs_lstm_cell_backward_portable : rs_lstm_cell_backward
    var g = SeededGenerator(seed: UInt64(n))
    func values(_ count: Int, _ lo: Double, _ hi: Double) -> [Double] {
      (0..<count).map { _ in g.uniform(lo, hi) }
    }
    // σ in place, including arguments where e^(−x) overflows (σ → 0) or vanishes (σ → 1).
    var x = values(n, -8, 8)
    x[0] = -800
    if n > 1 { x[n - 1] = 800 }
    var s = x
    sigmoid(n, &s)
    for j in 0..<n {
      #expect(abs(s[j] - 1 / (1 + Foundation.exp(-x[j]))) <= 4e-16 * max(1e-300, s[j]) + 1e-300)
    }
    // The cell: c = f·c₋ + i·g;  tc = tanh c;  h = o·tc
    let i = values(n, 0, 1)
    let f = values(n, 0, 1)
    let gg = values(n, -1, 1)
    let o = values(n, 0, 1)
    let cp = values(n, -3, 3)
    var c = [Double](repeating: 0, count: n)
    var tc = c
    var h = c
    cell(n, i, f, gg, o, cp, &c, &tc, &h)
    for j in 0..<n {
      let cj = f[j] * cp[j] + i[j] * gg[j]
      #expect(c[j] == cj)
      #expect(abs(tc[j] - Foundation.tanh(cj)) <= 1e-15)
      #expect(abs(h[j] - o[j] * tc[j]) <= 1e-16)
    }
    // The step back.
    let z = i + f + gg + o
    let dh0 = values(n, -1, 1)
    let carry = values(n, -1, 1)
    let dcarry0 = values(n, -1, 1)
    let bias0 = values(4 * n, -1, 1)
    var dh = dh0
    var dcarry = dcarry0
    var dz = [Double](repeating: 0, count: 4 * n)
    var bias = bias0
    back(n, z, tc, cp, &dh, carry, &dcarry, &dz, &bias)
    for j in 0..<n {
      let d = dh0[j] + carry[j]
      let t = tc[j]
      let dc = dcarry0[j] + d * o[j] * (1 - t * t)
      let want = [
        dc * gg[j] * i[j] * (1 - i[j]), dc * cp[j] * f[j] * (1 - f[j]),
        dc * i[j] * (1 - gg[j] * gg[j]),
        d * t * o[j] * (1 - o[j]),
      ]
      #expect(dh[j] == d)
      #expect(dcarry[j] == dc * f[j])
      for q in 0..<4 {
        #expect(dz[q * n + j] == want[q])
        #expect(bias[q * n + j] == bias0[q * n + j] + want[q])
      }
    }
  }
}
