import Foundation

/// The GRU cell (nn.GRU; gates r, z, n stacked in that order): forward and backward side by side.
enum GRUCell {
  // r = σ(W_ir x + b_ir + W_hr h + b_hr);  z = σ(W_iz x + b_iz + W_hz h + b_hz);
  // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn));  h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
  static func forward(_ p: LayerParameters, x: LayerInput, hPrev: [Double]) -> LayerStep {
    let H = hPrev.count
    var gi = x.applied(to: p.weightIH)
    var gh = p.weightHH.times(hPrev)
    for r in gi.indices {
      gi[r] += p.biasIH[r]
      gh[r] += p.biasHH[r]
    }
    var pre = [Double](repeating: 0, count: 3 * H)
    var gates = pre
    var hn = [Double](repeating: 0, count: H)
    var h = hn
    for j in 0..<H {
      pre[j] = gi[j] + gh[j]
      pre[H + j] = gi[H + j] + gh[H + j]
      let r = sigmoid(pre[j])
      let z = sigmoid(pre[H + j])
      hn[j] = gh[2 * H + j]
      pre[2 * H + j] = gi[2 * H + j] + r * hn[j]
      let n = tanh(pre[2 * H + j])
      gates[j] = r
      gates[H + j] = z
      gates[2 * H + j] = n
      h[j] = (1 - z) * n + z * hPrev[j]
    }
    return LayerStep(
      input: x, hPrev: hPrev, cPrev: [], preActivation: pre, gates: gates, hiddenPart: hn,
      hidden: h, cell: [])
  }

  // dn = dh ⊙ (1 − z);  dz = dh ⊙ (h_{t−1} − n);  da_n = dn ⊙ (1 − n²);  dr = da_n ⊙ (W_hn h + b_hn);
  // da_r = dr ⊙ r(1 − r);  da_z = dz ⊙ z(1 − z);  d(gi) = [da_r, da_z, da_n];  d(gh) = [da_r, da_z, r ⊙ da_n];
  // dh_{t−1} = dh ⊙ z + W_hhᵀ d(gh);  dx = W_ihᵀ d(gi)
  static func backward(_ p: LayerParameters, _ s: LayerStep, dh: [Double], wantInput: Bool)
    -> LayerBackward
  {
    let H = dh.count
    var dgi = [Double](repeating: 0, count: 3 * H)
    var dgh = dgi
    var direct = [Double](repeating: 0, count: H)
    for j in 0..<H {
      let r = s.gates[j]
      let z = s.gates[H + j]
      let n = s.gates[2 * H + j]
      let dn = dh[j] * (1 - z)
      let dz = dh[j] * (s.hPrev[j] - n)
      let dan = dn * (1 - n * n)
      let dar = dan * s.hiddenPart[j] * r * (1 - r)
      let daz = dz * z * (1 - z)
      dgi[j] = dar
      dgi[H + j] = daz
      dgi[2 * H + j] = dan
      dgh[j] = dar
      dgh[H + j] = daz
      dgh[2 * H + j] = dan * r
      direct[j] = dh[j] * z
    }
    var dhPrev = p.weightHH.transposedTimes(dgh)
    addInPlace(&dhPrev, direct)
    return LayerBackward(
      dInput: wantInput ? p.weightIH.transposedTimes(dgi) : nil, dhPrev: dhPrev, dcPrev: [],
      dIH: dgi, dHH: dgh)
  }
}
