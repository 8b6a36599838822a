import CLapackShim
import Foundation

// The products over a range of steps [t0, t1), which `BatchBPTT` may run beside the recurrence:
// input projections, the head and its loss, the weight gradients, the gradient sent below.
extension BatchKernel {
  /// Z_x = X W_ihᵀ + b_ih (+ b_hh but for the GRU) over steps [t0, t1) (a one-hot input picks
  /// a column of W_ih).
  func projection(_ k: Int, _ t0: Int, _ t1: Int) {
    let z = gates(k, t0..<t1)
    let bih = projectionBias[k]
    if k == 0, let wt = weightIHT0 {
      for r in 0..<z.count {
        let w = wt + tokens[t0 * B + r] * GH
        let zr = z[r]
        for j in 0..<GH { zr[j] = w[j] + bih[j] }
      }
      return
    }
    if k == 0 && oneHot {
      let I = I0
      let wih = p.weightIH[0]
      for r in 0..<z.count {
        let tok = tokens[t0 * B + r]
        let zr = z[r]
        for j in 0..<GH { zr[j] = wih[j * I + tok] + bih[j] }
      }
      return
    }
    z.set(Rows(layerInput(k, t0..<t1)), timesTransposed: weightIH[k], plus: bih)
  }

  /// Input widths up to which the projection runs through a packed W_ihᵀ (`rs_gemm_packed`) and
  /// dW_ih through `rs_add_transposed_narrow`, instead of BLAS GEMMs with K or N = I (OpenBLAS
  /// packs all of d(Z_x) for dW_ih of the adding problem's 2 inputs).
  static let narrow = 8

  /// The head over steps [t0, t1): o = h W_fcᵀ + b_fc; each row's loss and ∂L/∂o (0 without a
  /// target); with a backward pass ∂L/∂h_top = ∂L/∂o W_fc.
  func head(_ t0: Int, _ t1: Int) {
    let outputs = MutableRows(out + t0 * B * O, count: (t1 - t0) * B, width: O)
    outputs.set(Rows(h(L - 1, t0..<t1)), timesTransposed: fcWeight, plus: p.fcBias)
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
    dh(t0..<t1).set(Rows(dOut + t0 * B * O, count: outputs.count, width: O), times: fcWeight)
  }

  /// dW_fc += dOᵀ H_top;  db_fc += Σ dO  over steps [t0, t1)
  func headGradient(_ t0: Int, _ t1: Int) {
    guard let g else { return }
    let n = (t1 - t0) * B
    let dO = MutableRows(dOut + t0 * B * O, count: n, width: O)
    MutableRows(g.fcWeight, count: O, width: H).add(
      transposed: Rows(dO), times: Rows(h(L - 1, t0..<t1)), ownKernel: ownsProducts)
    addColumnSums(dO, into: g.fcBias)
  }

  /// dW_hh += d(Z_h)ᵀ H_{t−1} (GRU: db_hh += Σ d(Z_h)) over steps [t0, t1), in gate rows
  /// `rows` of dW_hh
  func recurrentGradient(_ k: Int, _ t0: Int, _ t1: Int, rows: Range<Int>) {
    guard let g, !rows.isEmpty else { return }
    let d = dZh(k, t0..<t1).columns(rows)
    MutableRows(g.weightHH[k] + rows.lowerBound * H, count: rows.count, width: H).add(
      transposed: Rows(d), times: Rows(h(k, (t0 - 1)..<(t1 - 1))), ownKernel: ownsProducts)
    if cell == .gru { addColumnSums(d, into: g.biasHH[k] + rows.lowerBound) }
  }

  /// dW_ih += d(Z_x)ᵀ X (a one-hot input adds into token columns; GRU: db_ih += Σ d(Z_x)) over
  /// steps [t0, t1), in gate rows `rows` of dW_ih
  func inputWeightGradient(_ k: Int, _ t0: Int, _ t1: Int, rows: Range<Int>) {
    guard let g, !rows.isEmpty else { return }
    let I = layerInputSize(k)
    let gw = g.weightIH[k]
    let dz = dZx(k, t0..<t1)
    let d = dz.columns(rows)
    if cell == .gru { addColumnSums(d, into: g.biasIH[k] + rows.lowerBound) }
    if k == 0 && oneHot && weightIHT0 == nil {
      for r in 0..<dz.count {
        let tok = tokens[t0 * B + r]
        let dr = dz[r]
        for j in rows { gw[j * I + tok] += dr[j] }
      }
    } else if k == 0 && oneHot {
      // dW_ih's rows transposed (token by token, contiguous), d(Z_x)'s rows added in row order
      // as above (the same sums, the same bits), and transposed back.
      let n = rows.count
      let lo = rows.lowerBound
      let sums = UnsafeMutablePointer<Double>.allocate(capacity: I * n)
      defer { sums.deallocate() }
      for j in 0..<n {
        let row = gw + (lo + j) * I
        for i in 0..<I { sums[i * n + j] = row[i] }
      }
      for r in 0..<dz.count {
        let s = sums + tokens[t0 * B + r] * n
        let dr = dz[r] + lo
        for j in 0..<n { s[j] += dr[j] }
      }
      for j in 0..<n {
        let row = gw + (lo + j) * I
        for i in 0..<I { row[i] = sums[i * n + j] }
      }
    } else if I <= Self.narrow {
      // A few inputs: BLAS would pack all of d(Z_x) for an N = I product.
      let x = layerInput(k, t0..<t1)
      let scratch = UnsafeMutablePointer<Double>.allocate(capacity: I * rows.count)
      defer { scratch.deallocate() }
      rs_add_transposed_narrow(
        Int32(d.count), Int32(rows.count), Int32(I), d.base, d.stride, x.base, x.stride,
        gw + rows.lowerBound * I, I, scratch)
    } else {
      MutableRows(gw + rows.lowerBound * I, count: rows.count, width: I).add(
        transposed: Rows(d), times: Rows(layerInput(k, t0..<t1)), ownKernel: ownsProducts)
    }
  }

  /// ∂L/∂X = d(Z_x) W_ih over steps [t0, t1): the layer below's ∂L/∂h (written over rows layer
  /// k has used), or for layer 0 with an embedding, dE[token] += ∂L/∂x_t.
  func inputGradient(_ k: Int, _ t0: Int, _ t1: Int) {
    let I = layerInputSize(k)
    let dx = k > 0 ? dh(t0..<t1) : MutableRows(dx0 + t0 * B * I, count: (t1 - t0) * B, width: I)
    dx.set(Rows(dZx(k, t0..<t1)), times: weightIH[k])
    guard k == 0, let ge = g?.embedding else { return }
    for r in 0..<dx.count where tokens[t0 * B + r] >= 0 {
      let src = dx[r]
      let dst = ge + tokens[t0 * B + r] * I
      for j in 0..<I { dst[j] += src[j] }
    }
  }

  /// s_j += Σ_r a[r][j]
  private func addColumnSums(_ a: MutableRows, into s: UnsafeMutablePointer<Double>) {
    for r in 0..<a.count {
      let row = a[r]
      for j in 0..<a.width { s[j] += row[j] }
    }
  }
}
