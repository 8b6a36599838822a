import CLapackShim

// The LSTM's step over the batch, forward and backward side by side: for each of the B rows,
// identical to `LSTMCell.forward` and `LSTMCell.backward` (BatchBPTTTests check the tape). The
// pointwise arithmetic is C's (`rs_lstm_forward`, `rs_lstm_backward`: one implementation each,
// vectorised by the compiler, over the B rows in one call). Buffers for step t of layer k:
// z = gates(k, t), B × 4H in `LSTMGate` order [i f g o] (Z_x, which holds b_ih + b_hh, then the
// pre-activations, then σ(i) σ(f) tanh(g) σ(o) in place); h(k, t − 1), h(k, t), c(k, t − 1),
// c(k, t), tanhC(k, t), B × H each; backward dh(t), B × H; dz = dZx(k, t) (= dZh), B × 4H,
// written over z; the carries ∂L/∂h_t and ∂L/∂c_t from step t+1, B × H.
extension BatchKernel {
  /// [i f g o] = Z_x + W_hh h_{t−1};  c_t = σ(f) c_{t−1} + σ(i) tanh(g);  h_t = σ(o) tanh(c_t)
  func lstmForward(_ k: Int, _ t: Int) {
    let z = self.gates(k, t)
    if t > 0 { addRecurrentProduct(k, t, into: z) }
    rs_lstm_forward(
      B, H, z.base, self.c(k, t - 1).base, self.c(k, t).base, self.tanhC(k, t).base,
      self.h(k, t).base)
  }

  /// dh += carry;  dc = dc_{t+1} + dh σ(o)(1 − tanh² c);  dz_i = dc tanh(g) σ′(i);
  /// dz_f = dc c_{t−1} σ′(f);  dz_g = dc σ(i) tanh′(g);  dz_o = dh tanh(c) σ′(o);
  /// dc_{t−1} = dc σ(f);  db += dz
  func lstmBackward(_ k: Int, _ t: Int) {
    precondition(gates(k, t).base == dZx(k, t).base, "d(Z) is written over the gates")
    rs_lstm_backward(
      B, H, gates(k, t).base, tanhC(k, t).base, c(k, t - 1).base, dh(t).base, carry, carryC,
      biasGradient)
  }
}
