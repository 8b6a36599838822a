import CLapackShim

// The vanilla RNN's step over the batch, forward and backward side by side: for each of the B
// rows, identical to `RNNCell.forward` and `RNNCell.backward` (BatchBPTTTests check the tape).
// Buffers, each B × H for step t of layer k: a = gates(k, t) (Z_x, which holds b_ih + b_hh, then
// a_t), h(k, t − 1), h(k, t); backward dh(t), dz = dZx(k, t) (= dZh, written over a), the carry
// ∂L/∂h_t from t+1.
extension BatchKernel {
  /// a_t = Z_x + W_hh h_{t−1};  h_t = φ(a_t)
  func rnnForward(_ k: Int, _ t: Int) {
    let a = self.gates(k, t)
    let h = self.h(k, t)
    if t > 0 { addRecurrentProduct(k, t, into: a) }
    let n = B * H
    switch act {
    case .tanh: rs_vtanh(n, a.base, h.base)
    case .sigmoid:
      h.base.update(from: a.base, count: n)
      rs_vsigmoid(n, h.base)
    case .relu: for i in 0..<n { h.base[i] = a.base[i] > 0 ? a.base[i] : 0 }
    }
  }

  /// dh += carry;  da = dh ⊙ φ′(a);  db += da
  func rnnBackward(_ k: Int, _ t: Int) {
    let a = self.gates(k, t)
    let h = self.h(k, t)
    let dh = self.dh(t)
    let da = dZx(k, t)
    // φ′ as `Activation.derivative` computes it; a loop per activation, so that each vectorises.
    for b in 0..<B {
      let (ab, hb, dhb, dab, cb) = (a[b], h[b], dh[b], da[b], carry + b * H)
      for j in 0..<H { dhb[j] += cb[j] }
      switch act {
      case .tanh: for j in 0..<H { dab[j] = dhb[j] * (1 - hb[j] * hb[j]) }
      case .sigmoid: for j in 0..<H { dab[j] = dhb[j] * (hb[j] * (1 - hb[j])) }
      case .relu: for j in 0..<H { dab[j] = dhb[j] * (ab[j] > 0 ? 1 : 0) }
      }
      for j in 0..<H { biasGradient[j] += dab[j] }
    }
  }
}
