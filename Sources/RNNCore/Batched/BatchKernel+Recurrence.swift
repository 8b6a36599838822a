import CLapackShim
import Foundation

// The recurrence: one step of a layer, forward and backward, over the whole batch. Each cell's
// pointwise arithmetic is in its own file, forward and backward side by side (RNNKernel.swift,
// LSTMKernel.swift, GRUKernel.swift); what every cell shares is here.
extension BatchKernel {
  /// One step of layer k forward: h_t (and c_t) from h_{t−1} and the step's Z.
  func forwardStep(_ k: Int, _ t: Int) {
    switch cell {
    case .rnn: rnnForward(k, t)
    case .lstm: lstmForward(k, t)
    case .gru: gruForward(k, t)
    }
  }

  /// One step of layer k backward, given ∂L/∂h_t from above in dh(t) and from step t+1 in the
  /// carries: dh(t) += carry, d(Z_x), d(Z_h) of the step, then the carries for step t−1,
  /// ∂L/∂h_{t−1} = d(Z_h) W_hh (+ dh ⊙ z for the GRU).
  func backwardStep(_ k: Int, _ t: Int) {
    switch cell {
    case .rnn: rnnBackward(k, t)
    case .lstm: lstmBackward(k, t)
    case .gru: gruBackward(k, t)
    }
    if k == L - 1 {
      // Σ_b ‖∂L/∂h_t‖ of the top layer, for the gradient-norm profile.
      let dh = self.dh(t)
      for b in 0..<B {
        let gb = dh[b]
        var s = 0.0
        for j in 0..<H { s += gb[j] * gb[j] }
        topGradNormSums[t] += s.squareRoot()
      }
    }
    guard t > 0 else { return }
    let carry = MutableRows(self.carry, count: B, width: H)
    carry.set(Rows(dZh(k, t)), times: weightHH[k])
    if cell == .gru { for i in 0..<(B * H) { carry.base[i] += direct[i] } }
  }

  /// z (+)= h_{t−1} W_hhᵀ of layer k (B × GH): added to Z_x (RNN, LSTM), or set as the GRU's gh
  /// (`adding` false).
  func addRecurrentProduct(_ k: Int, _ t: Int, into z: MutableRows, adding: Bool = true) {
    let hPrev = Rows(h(k, t - 1))
    if adding {
      z.add(hPrev, timesTransposed: weightHH[k])
    } else {
      z.set(hPrev, timesTransposed: weightHH[k])
    }
  }
}
