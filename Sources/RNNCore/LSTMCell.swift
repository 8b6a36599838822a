import Foundation

/// The LSTM cell (nn.LSTM; gates stacked in `LSTMGate` order: i, f, g, o): forward and backward
/// side by side.
enum LSTMCell {
  /// [i f g o] = W_ih x + b_ih + W_hh h_{t−1} + b_hh;
  /// c_t = σ(f) ⊙ c_{t−1} + σ(i) ⊙ tanh(g);  h_t = σ(o) ⊙ tanh(c_t)
  static func forward(_ p: LayerParameters, x: LayerInput, hPrev: [Double], cPrev: [Double])
    -> LayerStep
  {
    let H = hPrev.count
    var z = x.applied(to: p.weightIH)
    addInPlace(&z, p.weightHH.times(hPrev))
    for r in z.indices { z[r] += p.biasIH[r] + p.biasHH[r] }
    var gates = z
    var c = [Double](repeating: 0, count: H)
    var h = c
    let at = LSTMGate.offsets(hidden: H)
    for j in 0..<H {
      let i = sigmoid(z[at.i + j])
      let f = sigmoid(z[at.f + j])
      let g = tanh(z[at.g + j])
      let o = sigmoid(z[at.o + j])
      gates[at.i + j] = i
      gates[at.f + j] = f
      gates[at.g + j] = g
      gates[at.o + j] = o
      c[j] = f * cPrev[j] + i * g
      h[j] = o * tanh(c[j])
    }
    return LayerStep(
      input: x, hPrev: hPrev, cPrev: cPrev, preActivation: z, gates: gates, hiddenPart: [],
      hidden: h, cell: c)
  }

  /// dc = dc_{t+1} + dh ⊙ σ(o) ⊙ (1 − tanh² c);  dσ(o) = dh ⊙ tanh c;  dσ(i) = dc ⊙ tanh g;
  /// dtanh(g) = dc ⊙ σ(i);  dσ(f) = dc ⊙ c_{t−1};  dc_{t−1} = dc ⊙ σ(f);  then through σ' and
  /// tanh' to the pre-activations dz:
  /// dW_ih += dz xᵀ, dW_hh += dz h_{t−1}ᵀ, db += dz, dx = W_ihᵀ dz, dh_{t−1} = W_hhᵀ dz.
  /// Returns also ∂L/∂c_t (dcTotal) so the caller can report its norm.
  static func backward(
    _ p: LayerParameters, _ s: LayerStep, dh: [Double], dcNext: [Double],
    wantInput: Bool
  ) -> (LayerBackward, dcTotal: [Double]) {
    let H = dh.count
    var dz = [Double](repeating: 0, count: LSTMGate.allCases.count * H)
    var dcPrev = [Double](repeating: 0, count: H)
    var dcTotal = dcPrev
    let at = LSTMGate.offsets(hidden: H)
    for j in 0..<H {
      let i = s.gates[at.i + j]
      let f = s.gates[at.f + j]
      let g = s.gates[at.g + j]
      let o = s.gates[at.o + j]
      let tc = tanh(s.cell[j])
      let dc = dcNext[j] + dh[j] * o * (1 - tc * tc)
      dcTotal[j] = dc
      dz[at.i + j] = dc * g * i * (1 - i)
      dz[at.f + j] = dc * s.cPrev[j] * f * (1 - f)
      dz[at.g + j] = dc * i * (1 - g * g)
      dz[at.o + j] = dh[j] * tc * o * (1 - o)
      dcPrev[j] = dc * f
    }
    let back = LayerBackward(
      dInput: wantInput ? p.weightIH.transposedTimes(dz) : nil,
      dhPrev: p.weightHH.transposedTimes(dz), dcPrev: dcPrev, dIH: dz, dHH: dz)
    return (back, dcTotal)
  }
}
