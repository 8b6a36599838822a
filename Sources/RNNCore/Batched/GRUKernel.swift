import CLapackShim

// The GRU's step over the batch, forward and backward side by side: for each of the B rows,
// identical to `GRUCell.forward` and `GRUCell.backward` (BatchBPTTTests check the tape), in its
// names. Buffers for step t of layer k, gates in `GRUGate` order [r z n]: pre = gates(k, t),
// B × 3H (gi = Z_x = W_ih x + b_ih, then the pre-activations of r and z and of n, then r, z, n in
// place); gh = gh(k, t), B × 3H (W_hh h_{t−1} + b_hh); h(k, t − 1), h(k, t), B × H; backward
// dh(t), B × H; dgi = dZx(k, t) and dgh = dZh(k, t), B × 3H; direct = dh ⊙ z, B × H.
extension BatchKernel {
  /// r, z = σ(gi + gh);  n = tanh(gi_n + r ⊙ gh_n);  h_t = (1 − z) n + z h_{t−1}
  func gruForward(_ k: Int, _ t: Int) {
    let pre = self.gates(k, t)
    let gh = self.gh(k, t)
    if t > 0 {
      addRecurrentProduct(k, t, into: gh, adding: false)
    } else {
      gh.base.update(repeating: 0, count: B * GH)
    }
    let (h, hPrev) = (self.h(k, t), self.h(k, t - 1))
    let bhh = p.biasHH[k]
    let at = GRUGate.offsets(hidden: H)
    for b in 0..<B {
      let (pb, gb, hb, hpb) = (pre[b], gh[b], h[b], hPrev[b])
      for j in 0..<GH { gb[j] += bhh[j] }
      for j in at.r..<(at.z + H) { pb[j] += gb[j] }  // r and z, side by side
      rs_vsigmoid(2 * H, pb + at.r)
      for j in 0..<H { pb[at.n + j] += pb[at.r + j] * gb[at.n + j] }
      rs_vtanh(H, pb + at.n, pb + at.n)
      for j in 0..<H {
        hb[j] = (1 - pb[at.z + j]) * pb[at.n + j] + pb[at.z + j] * hpb[j]
      }
    }
  }

  /// dh += carry;  dn = dh(1 − z);  dz = dh(h_{t−1} − n);  da_n = dn(1 − n²);
  /// da_r = da_n gh_n r(1 − r);  da_z = dz z(1 − z);  d(gi) = [da_r, da_z, da_n];
  /// d(gh) = [da_r, da_z, r da_n];  direct = dh z
  func gruBackward(_ k: Int, _ t: Int) {
    let (gates, gh, hPrev) = (self.gates(k, t), self.gh(k, t), self.h(k, t - 1))
    let (dh, dgi, dgh) = (self.dh(t), self.dZx(k, t), self.dZh(k, t))
    let at = GRUGate.offsets(hidden: H)
    for b in 0..<B {
      let (g, ghb, hpb, dhb, dgib, dghb) = (gates[b], gh[b], hPrev[b], dh[b], dgi[b], dgh[b])
      let carryb = carry + b * H
      for j in 0..<H { dhb[j] += carryb[j] }
      for j in 0..<H {
        let r = g[at.r + j]
        let z = g[at.z + j]
        let n = g[at.n + j]
        let dn = dhb[j] * (1 - z)
        let dz = dhb[j] * (hpb[j] - n)
        let dan = dn * (1 - n * n)
        let dar = dan * ghb[at.n + j] * r * (1 - r)
        let daz = dz * z * (1 - z)
        dgib[at.r + j] = dar
        dgib[at.z + j] = daz
        dgib[at.n + j] = dan
        dghb[at.r + j] = dar
        dghb[at.z + j] = daz
        dghb[at.n + j] = dan * r
        direct[b * H + j] = dhb[j] * z
      }
    }
  }
}
