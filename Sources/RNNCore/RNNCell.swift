/// The vanilla RNN cell (nn.RNN): forward and backward side by side.
enum RNNCell {
  /// a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh;  h_t = φ(a_t)
  static func forward(_ p: LayerParameters, _ act: Activation, x: LayerInput, hPrev: [Double])
    -> LayerStep
  {
    var a = x.applied(to: p.weightIH)
    addInPlace(&a, p.weightHH.times(hPrev))
    for r in a.indices { a[r] += p.biasIH[r] + p.biasHH[r] }
    let h = a.map(act.apply)
    return LayerStep(
      input: x, hPrev: hPrev, cPrev: [], preActivation: a, gates: [], hiddenPart: [], hidden: h,
      cell: [])
  }

  /// da = dh ⊙ φ'(a);  dW_ih += da xᵀ;  db_ih += da;  dW_hh += da h_{t−1}ᵀ;  db_hh += da;
  /// dx = W_ihᵀ da;  dh_{t−1} = W_hhᵀ da
  static func backward(
    _ p: LayerParameters, _ act: Activation, _ s: LayerStep, dh: [Double], wantInput: Bool
  ) -> LayerBackward {
    var da = dh
    for i in da.indices {
      da[i] *= act.derivative(preActivation: s.preActivation[i], output: s.hidden[i])
    }
    return LayerBackward(
      dInput: wantInput ? p.weightIH.transposedTimes(da) : nil,
      dhPrev: p.weightHH.transposedTimes(da), dcPrev: [], dIH: da, dHH: da)
  }
}
