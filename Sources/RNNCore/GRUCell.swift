import Foundation

/// The GRU cell (nn.GRU; gates stacked in `GRUGate` order: r, z, n): forward and backward side
/// by side.
enum GRUCell {
  /// r = σ(W_ir x + b_ir + W_hr h + b_hr);  z = σ(W_iz x + b_iz + W_hz h + b_hz);
  /// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn));  h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
  static func forward(_ p: LayerParameters, x: LayerInput, hPrev: [Double]) -> LayerStep {
    let H = hPrev.count
    var gi = x.applied(to: p.weightIH)
    var gh = p.weightHH.times(hPrev)
    for r in gi.indices {
      gi[r] += p.biasIH[r]
      gh[r] += p.biasHH[r]
    }
    var pre = [Double](repeating: 0, count: GRUGate.allCases.count * H)
    var gates = pre
    var hn = [Double](repeating: 0, count: H)
    var h = hn
    let at = GRUGate.offsets(hidden: H)
    for j in 0..<H {
      pre[at.r + j] = gi[at.r + j] + gh[at.r + j]
      pre[at.z + j] = gi[at.z + j] + gh[at.z + j]
      let r = sigmoid(pre[at.r + j])
      let z = sigmoid(pre[at.z + j])
      hn[j] = gh[at.n + j]
      pre[at.n + j] = gi[at.n + j] + r * hn[j]
      let n = tanh(pre[at.n + j])
      gates[at.r + j] = r
      gates[at.z + j] = z
      gates[at.n + j] = n
      h[j] = (1 - z) * n + z * hPrev[j]
    }
    return LayerStep(
      input: x, hPrev: hPrev, cPrev: [], preActivation: pre, gates: gates, hiddenPart: hn,
      hidden: h, cell: [])
  }

  /// dn = dh ⊙ (1 − z);  dz = dh ⊙ (h_{t−1} − n);  da_n = dn ⊙ (1 − n²);
  /// dr = da_n ⊙ (W_hn h + b_hn);  da_r = dr ⊙ r(1 − r);  da_z = dz ⊙ z(1 − z);
  /// d(gi) = [da_r, da_z, da_n];  d(gh) = [da_r, da_z, r ⊙ da_n];
  /// dh_{t−1} = dh ⊙ z + W_hhᵀ d(gh);  dx = W_ihᵀ d(gi)
  static func backward(_ p: LayerParameters, _ s: LayerStep, dh: [Double], wantInput: Bool)
    -> LayerBackward
  {
    let H = dh.count
    var dgi = [Double](repeating: 0, count: GRUGate.allCases.count * H)
    var dgh = dgi
    var direct = [Double](repeating: 0, count: H)
    let at = GRUGate.offsets(hidden: H)
    for j in 0..<H {
      let r = s.gates[at.r + j]
      let z = s.gates[at.z + j]
      let n = s.gates[at.n + j]
      let dn = dh[j] * (1 - z)
      let dz = dh[j] * (s.hPrev[j] - n)
      let dan = dn * (1 - n * n)
      let dar = dan * s.hiddenPart[j] * r * (1 - r)
      let daz = dz * z * (1 - z)
      dgi[at.r + j] = dar
      dgi[at.z + j] = daz
      dgi[at.n + j] = dan
      dgh[at.r + j] = dar
      dgh[at.z + j] = daz
      dgh[at.n + j] = dan * r
      direct[j] = dh[j] * z
    }
    var dhPrev = p.weightHH.transposedTimes(dgh)
    addInPlace(&dhPrev, direct)
    return LayerBackward(
      dInput: wantInput ? p.weightIH.transposedTimes(dgi) : nil, dhPrev: dhPrev, dcPrev: [],
      dIH: dgi, dHH: dgh)
  }
}
