import CLapackShim
import Foundation

// The recurrence: one step of a layer, forward and backward, over the whole batch.
extension BatchKernel {
  /// One step of layer k forward (the equations per cell below).
  func forwardStep(_ k: Int, _ t: Int) {
    let whh = p.weightHH[k]
    let bhh = p.biasHH[k]
    let hp = hs[k] + t * B * H
    let hn = hs[k] + (t + 1) * B * H
    let z = pre[k] + t * B * GH
    switch cell {
    case .rnn:
      // a_t = Z_x + W_hh h_{t−1}  (Z_x holds b_hh);  h_t = φ(a_t)
      if t > 0 {
        rs_gemm(
          0, 1, Int32(B), Int32(GH), Int32(H), 1, hp, Int32(H), whh, Int32(H), 1, z, Int32(GH))
      }
      switch act {
      case .tanh: rs_vtanh(B * H, z, hn)
      case .sigmoid:
        hn.update(from: z, count: B * H)
        rs_vsigmoid(B * H, hn)
      case .relu: for i in 0..<(B * H) { hn[i] = z[i] > 0 ? z[i] : 0 }
      }
    case .lstm:
      // [i f g o] = Z_x + W_hh h_{t−1}  (Z_x holds b_hh);  c_t = σ(f) c_{t−1} + σ(i) tanh(g);  h_t = σ(o) tanh(c_t)
      if t > 0 {
        rs_gemm(
          0, 1, Int32(B), Int32(GH), Int32(H), 1, hp, Int32(H), whh, Int32(H), 1, z, Int32(GH))
      }
      let cp = cs[k] + t * B * H
      let cn = cs[k] + (t + 1) * B * H
      let at = LSTMGate.offsets(hidden: H)
      for b in 0..<B {
        let zb = z + b * GH
        let cb = cn + b * H
        let cpb = cp + b * H
        let tcb = tcs[k] + (t * B + b) * H
        let hb = hn + b * H
        rs_vsigmoid(2 * H, zb + at.i)  // i and f, side by side
        rs_vtanh(H, zb + at.g, zb + at.g)
        rs_vsigmoid(H, zb + at.o)
        rs_lstm_cell(H, zb + at.i, zb + at.f, zb + at.g, zb + at.o, cpb, cb, tcb, hb)
      }
    case .gru:
      // r, z = σ(Z_x + W_hh h + b_hh);  n = tanh(Z_x,n + r ⊙ (W_hn h + b_hn));  h_t = (1 − z) n + z h_{t−1}
      let hht = hh[k] + t * B * GH
      if t > 0 {
        rs_gemm(
          0, 1, Int32(B), Int32(GH), Int32(H), 1, hp, Int32(H), whh, Int32(H), 0, hht, Int32(GH))
      } else {
        hht.update(repeating: 0, count: B * GH)
      }
      let at = GRUGate.offsets(hidden: H)
      for b in 0..<B {
        let zb = z + b * GH
        let gb = hht + b * GH
        let hb = hn + b * H
        let hpb = hp + b * H
        for j in 0..<GH { gb[j] += bhh[j] }
        for j in at.r..<(at.z + H) { zb[j] += gb[j] }  // r and z, side by side
        rs_vsigmoid(2 * H, zb + at.r)
        for j in 0..<H { zb[at.n + j] += zb[at.r + j] * gb[at.n + j] }
        rs_vtanh(H, zb + at.n, zb + at.n)
        for j in 0..<H {
          hb[j] = (1 - zb[at.z + j]) * zb[at.n + j] + zb[at.z + j] * hpb[j]
        }
      }
    }
  }

  /// One step of layer k backward, given ∂L/∂h_t from above in dh (row t) and from step t+1 in
  /// the carries.
  func backwardStep(_ k: Int, _ t: Int) {
    let whh = p.weightHH[k]
    let gates = pre[k]
    let hsk = hs[k]
    let z = gates + t * B * GH
    let dzx = dZx[k] + t * B * GH
    let dzh = dZh[k] + t * B * GH
    let gt = dh + t * B * H
    for b in 0..<B {
      let gb = gt + b * H
      let zb = z + b * GH
      let dxb = dzx + b * GH
      let dhb = dzh + b * GH
      let cb = carry + b * H
      // ∂L/∂h_t = what the layer above or the head sends + what step t+1 sends back
      switch cell {
      case .rnn:
        // da = dh ⊙ φ'(a);  db += da
        let hb = hsk + (t + 1) * B * H + b * H
        for j in 0..<H {
          gb[j] += cb[j]
          dxb[j] = gb[j] * act.derivative(preActivation: zb[j], output: hb[j])
          biasGradient[j] += dxb[j]
        }
      case .lstm:
        // dc = dc_{t+1} + dh σ(o)(1 − tanh² c);  dz_i = dc tanh(g) σ'(i);  dz_f = dc c_{t−1} σ'(f);
        // dz_g = dc σ(i) tanh'(g);  dz_o = dh tanh(c) σ'(o);  dc_{t−1} = dc σ(f)
        let tcb = tcs[k] + (t * B + b) * H
        let cpb = cs[k] + t * B * H + b * H
        rs_lstm_cell_backward(H, zb, tcb, cpb, gb, cb, carryC + b * H, dxb, biasGradient)
      case .gru:
        // dn = dh(1 − z);  dz = dh(h_{t−1} − n);  da_n = dn(1 − n²);  da_r = da_n (W_hn h + b_hn) σ'(r);
        // d(Z_x) = [da_r, da_z, da_n];  d(Z_h) = [da_r, da_z, r da_n];  direct = dh z
        let hpb = hsk + t * B * H + b * H
        let hhb = hh[k] + t * B * GH + b * GH
        let at = GRUGate.offsets(hidden: H)
        for j in 0..<H { gb[j] += cb[j] }
        for j in 0..<H {
          let r = zb[at.r + j]
          let u = zb[at.z + j]
          let n = zb[at.n + j]
          let dn = gb[j] * (1 - u)
          let du = gb[j] * (hpb[j] - n)
          let dan = dn * (1 - n * n)
          let dar = dan * hhb[at.n + j] * r * (1 - r)
          let dau = du * u * (1 - u)
          dxb[at.r + j] = dar
          dxb[at.z + j] = dau
          dxb[at.n + j] = dan
          dhb[at.r + j] = dar
          dhb[at.z + j] = dau
          dhb[at.n + j] = dan * r
          direct[b * H + j] = gb[j] * u
        }
      }
      if k == L - 1 {
        var s = 0.0
        for j in 0..<H { s += gb[j] * gb[j] }
        topGradNormSums[t] += s.squareRoot()
      }
    }
    // ∂L/∂h_{t−1} through step t: d(Z_h) W_hh (+ dh ⊙ z for the GRU)
    guard t > 0 else { return }
    rs_gemm(
      0, 0, Int32(B), Int32(H), Int32(GH), 1, dzh, Int32(GH), whh, Int32(H), 0, carry, Int32(H))
    if cell == .gru { for i in 0..<(B * H) { carry[i] += direct[i] } }
  }
}
