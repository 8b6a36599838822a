import CLapackShim
import Foundation

// The products over a range of steps [t0, t1), which `BatchBPTT` may run beside the recurrence:
// input projections, the head and its loss, the weight gradients, the gradient sent below.
extension BatchKernel {
  /// Z_x = X W_ihᵀ + b_ih (+ b_hh but for the GRU) over steps [t0, t1) (a one-hot input picks
  /// a column of W_ih).
  func projection(_ k: Int, _ t0: Int, _ t1: Int) {
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let I = layerInputSize(k)
    let wih = p.weightIH[k]
    let bih = projectionBias[k]
    let z0 = pre[k] + r0 * GH
    if k == 0 && oneHot {
      for r in r0..<(r0 + n) {
        let z = pre[k] + r * GH
        let tok = tokens[r]
        for j in 0..<GH { z[j] = wih[j * I + tok] + bih[j] }
      }
      return
    }
    for r in 0..<n { (z0 + r * GH).update(from: bih, count: GH) }
    rs_gemm(
      0, 1, Int32(n), Int32(GH), Int32(I), 1, layerInput(k) + r0 * I, Int32(I), wih, Int32(I), 1,
      z0, Int32(GH))
  }

  /// The head over steps [t0, t1): o = h W_fcᵀ + b_fc; each row's loss and ∂L/∂o (0 without a
  /// target); with a backward pass ∂L/∂h_top = ∂L/∂o W_fc.
  func head(_ t0: Int, _ t1: Int) {
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let top = hs[L - 1] + B * H
    for r in r0..<(r0 + n) { (out + r * O).update(from: p.fcBias, count: O) }
    rs_gemm(
      0, 1, Int32(n), Int32(O), Int32(H), 1, top + r0 * H, Int32(H), p.fcWeight, Int32(H), 1,
      out + r0 * O, Int32(O))
    for t in t0..<t1 {
      for b in 0..<B {
        let r = t * B + b
        let o = out + r * O
        let d = dOut + r * O
        rowLoss[r] = 0
        guard let target = batch[b].targets[t] else {
          d.update(repeating: 0, count: O)
          continue
        }
        switch (loss, target) {
        case (.crossEntropy, .index(let y)):
          // L = logsumexp(o) − o_y;  ∂L/∂o = softmax(o) − onehot(y)
          var m = o[0]
          for j in 1..<O where o[j] > m { m = o[j] }
          for j in 0..<O { d[j] = o[j] - m }
          rs_vexp(O, d, d)
          var s = 0.0
          for j in 0..<O { s += d[j] }
          rowLoss[r] = m + log(s) - o[y]
          for j in 0..<O { d[j] /= s }
          d[y] -= 1
        case (.mse, .vector(let y)):
          // L = ½‖o − y‖²;  ∂L/∂o = o − y
          var s = 0.0
          for j in 0..<O {
            let e = o[j] - y[j]
            d[j] = e
            s += e * e
          }
          rowLoss[r] = s / 2
        default: preconditionFailure("target \(target) does not fit the \(loss.rawValue) loss")
        }
      }
    }
    guard g != nil else { return }
    rs_gemm(
      0, 0, Int32(n), Int32(H), Int32(O), 1, dOut + r0 * O, Int32(O), p.fcWeight, Int32(H), 0,
      dh + r0 * H, Int32(H))
  }

  /// dW_fc += dOᵀ H_top;  db_fc += Σ dO  over steps [t0, t1)
  func headGradient(_ t0: Int, _ t1: Int) {
    guard let g else { return }
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let top = hs[L - 1] + B * H
    rs_gemm(
      1, 0, Int32(O), Int32(H), Int32(n), 1, dOut + r0 * O, Int32(O), top + r0 * H, Int32(H), 1,
      g.fcWeight, Int32(H))
    addColumnSums(dOut + r0 * O, rows: n, stride: O, cols: O, into: g.fcBias)
  }

  /// dW_hh += d(Z_h)ᵀ H_{t−1} (GRU: db_hh += Σ d(Z_h)) over steps [t0, t1), in gate rows
  /// `rows` of dW_hh
  func recurrentGradient(_ k: Int, _ t0: Int, _ t1: Int, rows: Range<Int>) {
    guard let g, !rows.isEmpty else { return }
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let d = dZh[k] + r0 * GH + rows.lowerBound
    rs_gemm(
      1, 0, Int32(rows.count), Int32(H), Int32(n), 1, d, Int32(GH), hs[k] + r0 * H, Int32(H), 1,
      g.weightHH[k] + rows.lowerBound * H, Int32(H))
    if cell == .gru {
      addColumnSums(d, rows: n, stride: GH, cols: rows.count, into: g.biasHH[k] + rows.lowerBound)
    }
  }

  /// dW_ih += d(Z_x)ᵀ X (a one-hot input adds into token columns; GRU: db_ih += Σ d(Z_x)) over
  /// steps [t0, t1), in gate rows `rows` of dW_ih
  func inputWeightGradient(_ k: Int, _ t0: Int, _ t1: Int, rows: Range<Int>) {
    guard let g, !rows.isEmpty else { return }
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let I = layerInputSize(k)
    let gw = g.weightIH[k]
    let d = dZx[k] + r0 * GH + rows.lowerBound
    if cell == .gru {
      addColumnSums(d, rows: n, stride: GH, cols: rows.count, into: g.biasIH[k] + rows.lowerBound)
    }
    if k == 0 && oneHot {
      for r in r0..<(r0 + n) {
        let tok = tokens[r]
        let dr = dZx[k] + r * GH
        for j in rows { gw[j * I + tok] += dr[j] }
      }
    } else {
      rs_gemm(
        1, 0, Int32(rows.count), Int32(I), Int32(n), 1, d, Int32(GH), layerInput(k) + r0 * I,
        Int32(I), 1,
        gw + rows.lowerBound * I, Int32(I))
    }
  }

  /// ∂L/∂X = d(Z_x) W_ih over steps [t0, t1): the layer below's ∂L/∂h (written over rows layer
  /// k has used), or for layer 0 with an embedding, dE[token] += ∂L/∂x_t.
  func inputGradient(_ k: Int, _ t0: Int, _ t1: Int) {
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let I = layerInputSize(k)
    let dx = k > 0 ? dh : dx0
    rs_gemm(
      0, 0, Int32(n), Int32(I), Int32(GH), 1, dZx[k] + r0 * GH, Int32(GH), p.weightIH[k], Int32(I),
      0, dx + r0 * I, Int32(I))
    guard k == 0, let ge = g?.embedding else { return }
    for r in r0..<(r0 + n) where tokens[r] >= 0 {
      let src = dx + r * I
      let dst = ge + tokens[r] * I
      for j in 0..<I { dst[j] += src[j] }
    }
  }

  /// s_j += Σ_r a[r][j]  (rows `stride` values apart)
  private func addColumnSums(
    _ a: UnsafeMutablePointer<Double>, rows: Int, stride: Int, cols: Int,
    into s: UnsafeMutablePointer<Double>
  ) {
    for r in 0..<rows {
      let row = a + r * stride
      for j in 0..<cols { s[j] += row[j] }
    }
  }
}
