import CLapackShim
import Foundation
import Testing

@testable import RNNCore

/// A batch split in two halves, one per core (`BatchBPTT.runSplit`), and the packed GEMM the
/// recurrence uses: the same numbers as the whole batch in one run, and the same bits whichever
/// thread ran which half.
@Suite struct BatchSplitTests {
  static let cases: [BatchBPTTTests.Case] = CellKind.allCases.flatMap { cell in
    [
      // An odd batch (halves of 5 and 4), a few dense inputs (the few-inputs loops), two layers.
      BatchBPTTTests.Case(
        cell: cell, layers: 2, input: .dense, loss: .mse, batch: 9, steps: 11),
      BatchBPTTTests.Case(
        cell: cell, layers: 1, input: .embedding, loss: .crossEntropy, batch: 8, steps: 13),
      BatchBPTTTests.Case(
        cell: cell, layers: 1, input: .oneHot, loss: .crossEntropy, batch: 10, steps: 9),
      BatchBPTTTests.Case(
        cell: cell, layers: 2, input: .dense, loss: .mse, batch: 12, steps: 7, wide: true),
    ]
  }

  /// The split batch gives what the whole batch gives in one run (itself checked against the tape
  /// in BatchBPTTTests), with every output in its row t·B + b.
  @Test(arguments: cases)
  func splitMatchesTheWholeBatch(_ k: BatchBPTTTests.Case) {
    let (model, batch) = BatchBPTTTests.setup(k, seed: 31)
    var whole: ModelParameters? = ModelParameters(zerosFor: model.config)
    let w = BatchBPTT.run(
      model: model, loss: k.loss, batch: batch, grads: &whole, workspace: BatchWorkspace(),
      keepOutputs: true, ranges: nil, helper: false)
    var split: ModelParameters? = ModelParameters(zerosFor: model.config)
    let s = BatchBPTT.runSplit(
      model: model, loss: k.loss, batch: batch, grads: &split, workspace: BatchWorkspace(),
      keepOutputs: true, helper: true)
    #expect(s.targetCount == w.targetCount)
    #expect(abs(s.lossSum - w.lossSum) <= 1e-12 * max(1, abs(w.lossSum)))
    #expect(s.outputs.count == w.outputs.count)
    let worstOutput = zip(s.outputs, w.outputs).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worstOutput <= 1e-12)
    let d = BatchBPTTTests.maxRelativeDifference(split!, whole!)
    #expect(d <= 1e-12, "gradients differ by \(d) (relative)")
    #expect(split!.globalNorm > 0)
    #expect(s.topGradNormSums.count == k.steps)
    for (a, b) in zip(s.topGradNormSums, w.topGradNormSums) {
      #expect(abs(a - b) <= 1e-12 * max(1, b))
    }
  }

  /// One thread (the halves one after the other) and two (side by side), run after run on one
  /// workspace: the same bits every time, and gradients added into what `grads` held.
  @Test(arguments: [CellKind.lstm, .gru, .rnn])
  func splitIsBitIdenticalOnOneThreadAndTwo(_ cell: CellKind) {
    let k = BatchBPTTTests.Case(
      cell: cell, layers: 2, input: .dense, loss: .mse, batch: 9, steps: 17)
    let (model, batch) = BatchBPTTTests.setup(k, seed: 7)
    var start = ModelParameters(zerosFor: model.config)
    start.apply { $0 += 0.25 }
    var reference: ModelParameters? = start
    let expected = BatchBPTT.runSplit(
      model: model, loss: k.loss, batch: batch, grads: &reference, workspace: BatchWorkspace(),
      keepOutputs: true, helper: false)
    let ws = BatchWorkspace()
    var mismatches = 0
    for _ in 0..<100 {
      var grads: ModelParameters? = start
      let r = BatchBPTT.runSplit(
        model: model, loss: k.loss, batch: batch, grads: &grads, workspace: ws,
        keepOutputs: true, helper: true)
      if grads != reference || r.outputs != expected.outputs || r.lossSum != expected.lossSum
        || r.topGradNormSums != expected.topGradNormSums
      {
        mismatches += 1
      }
    }
    #expect(mismatches == 0)
    // Not vacuous: the halves' gradients were added to the 0.25 that was there.
    #expect(reference != start)
  }

  /// The split goes to lecture-scale batches (hidden 64, batch 32, T 50; hidden 128, batch 16,
  /// T 100), not to single sequences, small batches, tiny models, or batches whose steps already
  /// share BLAS's two threads (lstm-512-b32).
  @Test func splitGoesWhereItPays() {
    func config(_ cell: CellKind, input: Int, hidden: Int) -> ModelConfig {
      ModelConfig(
        cell: cell, activation: .tanh, inputSize: input, hiddenSize: hidden, numLayers: 1,
        outputSize: 1, embeddingCount: nil)
    }
    for cell in CellKind.allCases {
      #expect(BatchBPTT.splits(config(cell, input: 2, hidden: 64), steps: 50, batch: 32))
    }
    #expect(BatchBPTT.splits(config(.lstm, input: 65, hidden: 128), steps: 100, batch: 16))
    #expect(!BatchBPTT.splits(config(.lstm, input: 128, hidden: 128), steps: 100, batch: 1))
    #expect(!BatchBPTT.splits(config(.lstm, input: 2, hidden: 64), steps: 50, batch: 4))
    #expect(!BatchBPTT.splits(config(.rnn, input: 2, hidden: 8), steps: 20, batch: 32))
    #expect(!BatchBPTT.splits(config(.lstm, input: 512, hidden: 512), steps: 64, batch: 32))
  }

  /// rs_gemm_packed against BLAS's rs_gemm on shapes with partial panels (n not a multiple of 8)
  /// and partial row blocks (m not a multiple of 6), both layouts (B = W and B = Wᵀ), β 0, 1, ½.
  @Test func packedGEMMEqualsBLAS() {
    var g = SeededGenerator(seed: 5)
    for (m, n, k) in [(16, 256, 64), (5, 13, 7), (1, 8, 3), (13, 20, 33), (6, 64, 256)] {
      for transposed in [false, true] {
        for beta in [0.0, 1.0, 0.5] {
          // W is n × k (B = Wᵀ) or k × n (B = W), row-major.
          let w = (0..<(n * k)).map { _ in g.uniform(-1, 1) }
          let a = (0..<(m * k)).map { _ in g.uniform(-1, 1) }
          let c0 = (0..<(m * n)).map { _ in g.uniform(-1, 1) }
          var expected = c0
          rs_gemm(
            0, transposed ? 1 : 0, Int32(m), Int32(n), Int32(k), 1, a, Int32(k), w,
            Int32(transposed ? k : n), beta, &expected, Int32(n))
          var packed = [Double](repeating: .nan, count: PackedMatrix.size(k: k, n: n))
          var got = c0
          w.withUnsafeBufferPointer { wp in
            packed.withUnsafeMutableBufferPointer { pp in
              let rows = Rows(
                wp.baseAddress!, count: transposed ? n : k, width: transposed ? k : n)
              let p = PackedMatrix(rows, transposed: transposed, into: pp.baseAddress!)
              #expect(p.k == k && p.n == n)
              a.withUnsafeBufferPointer { ap in
                got.withUnsafeMutableBufferPointer { cp in
                  let c = MutableRows(cp.baseAddress!, count: m, width: n)
                  let rowsA = Rows(ap.baseAddress!, count: m, width: k)
                  if beta == 1 {
                    c.add(rowsA, times: p)
                  } else if beta == 0 {
                    c.set(rowsA, times: p)
                  } else {
                    rs_gemm_packed(
                      Int32(m), Int32(n), Int32(k), ap.baseAddress!, k, p.base, beta,
                      cp.baseAddress!, n)
                  }
                }
              }
            }
          }
          let worst = zip(got, expected).map { abs($0 - $1) }.max()!
          #expect(worst <= 1e-13 * Double(k), "m \(m) n \(n) k \(k) Wᵀ \(transposed) β \(beta)")
        }
      }
    }
  }
}
