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
    guard t > 0 else { return }
    let carry = MutableRows(self.carry, count: B, width: H)
    carry.set(Rows(dZh(k, t)), times: weightHH[k])
    if cell == .gru { for i in 0..<(B * H) { carry.base[i] += direct[i] } }
  }

  /// Σ_b ‖∂L/∂h_t‖ of the top layer for steps [t0, t1), for the gradient-norm profile, once the
  /// backward steps have made dh(t) whole (and before the gradient for the layer below is written
  /// over it): each ‖·‖² summed over the units in order, as one row at a time would, but four
  /// rows' sums side by side (one row's is a chain of dependent additions).
  func addTopGradNorms(_ t0: Int, _ t1: Int) {
    let rows = dh(t0..<t1)
    func add(_ r: Int, _ s: Double) { topGradNormSums[t0 + r / B] += s.squareRoot() }
    var r = 0
    while r + 4 <= rows.count {
      let (g0, g1, g2, g3) = (rows[r], rows[r + 1], rows[r + 2], rows[r + 3])
      var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
      for j in 0..<H {
        s0 += g0[j] * g0[j]
        s1 += g1[j] * g1[j]
        s2 += g2[j] * g2[j]
        s3 += g3[j] * g3[j]
      }
      add(r, s0)
      add(r + 1, s1)
      add(r + 2, s2)
      add(r + 3, s3)
      r += 4
    }
    for r in r..<rows.count {
      let g = rows[r]
      var s = 0.0
      for j in 0..<H { s += g[j] * g[j] }
      add(r, s)
    }
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
