import CLapackShim
import Foundation

/// The arithmetic of `BatchBPTT.run` over raw pointers that `run` has checked once: one step of a layer's
/// recurrence (forward and backward side by side), and the products over a range of steps [t0, t1) — input
/// projections, the head and loss, weight gradients, the gradient sent to the layer below. Rows are
/// time-major (row t·B + b). A range's products touch only that range's rows, so `BatchBPTT` can run them
/// on a second thread while the recurrence moves on; the weight gradients accumulate, and each runs after
/// the range before it.
final class BatchKernel: @unchecked Sendable {
  struct Tensors<P> {
    var weightIH: [P], weightHH: [P], biasIH: [P], biasHH: [P]
    var fcWeight: P, fcBias: P, embedding: P?
    // From a flat list in `ModelParameters.withEachTensor` order.
    init(_ flat: [P], layers: Int, embedding hasEmbedding: Bool) {
      var i = 0
      func next() -> P {
        i += 1
        return flat[i - 1]
      }
      embedding = hasEmbedding ? next() : nil
      weightIH = []
      weightHH = []
      biasIH = []
      biasHH = []
      for _ in 0..<layers {
        weightIH.append(next())
        weightHH.append(next())
        biasIH.append(next())
        biasHH.append(next())
      }
      fcWeight = next()
      fcBias = next()
    }
  }

  let T: Int, B: Int, L: Int, H: Int, GH: Int, O: Int, I0: Int
  let cell: CellKind, act: Activation, loss: LossKind
  let batch: [Example]
  let tokens: [Int]
  let oneHot: Bool
  let p: Tensors<UnsafePointer<Double>>
  let g: Tensors<UnsafeMutablePointer<Double>>?
  // Workspace: x0 (T·B × I0), per layer pre/gates (T·B × GH), h (T+1 rows of B × H, row 0 the zero state),
  // c (likewise, LSTM), W_hh h + b_hh (GRU), tanh c (LSTM), d(Z_x), d(Z_h) (GRU); the head's o, ∂L/∂o, loss per
  // row; ∂L/∂h (T·B × H), ∂L/∂x0 (embedding), the carries from step t+1.
  let x0: UnsafeMutablePointer<Double>
  let pre: [UnsafeMutablePointer<Double>], hs: [UnsafeMutablePointer<Double>],
    cs: [UnsafeMutablePointer<Double>]
  let hh: [UnsafeMutablePointer<Double>], tcs: [UnsafeMutablePointer<Double>]
  let dZx: [UnsafeMutablePointer<Double>], dZh: [UnsafeMutablePointer<Double>]
  let out: UnsafeMutablePointer<Double>, dOut: UnsafeMutablePointer<Double>,
    rowLoss: UnsafeMutablePointer<Double>
  let dh: UnsafeMutablePointer<Double>, dx0: UnsafeMutablePointer<Double>
  let carry: UnsafeMutablePointer<Double>, carryC: UnsafeMutablePointer<Double>,
    direct: UnsafeMutablePointer<Double>
  /// Per layer the bias the projection adds: b_ih + b_hh for the RNN and LSTM (both go into every step's
  /// pre-activation), b_ih for the GRU (its b_hn is scaled by r inside the step).
  let projectionBias: [UnsafePointer<Double>]
  /// The RNN's and LSTM's Σ_t d(Z) of the layer being run back, added by each step back (its d(Z_x) and d(Z_h)
  /// are one, so db_ih and db_hh both receive it when the layer is done); the GRU's column sums are tasks.
  let biasGradient: UnsafeMutablePointer<Double>
  /// Σ over the batch of ‖∂L/∂h_t‖ of the top layer (written by the backward steps).
  var topGradNormSums: [Double]

  init(
    config c: ModelConfig, loss: LossKind, batch: [Example], tokens: [Int], oneHot: Bool,
    parameters: Tensors<UnsafePointer<Double>>, gradients: Tensors<UnsafeMutablePointer<Double>>?,
    workspace ws: BatchWorkspace
  ) {
    T = batch[0].inputs.count
    B = batch.count
    L = c.numLayers
    H = c.hiddenSize
    GH = c.gateRows
    O = c.outputSize
    I0 = c.inputSize
    cell = c.cell
    act = c.activation
    self.loss = loss
    self.batch = batch
    self.tokens = tokens
    self.oneHot = oneHot
    p = parameters
    g = gradients
    let TB = T * B
    let lstm = c.cell == .lstm
    let gru = c.cell == .gru
    let backward = gradients != nil
    var slot = 0
    func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
      slot += 1
      return ws.buffer(slot - 1, max(count, 1))
    }
    x0 = buffer(oneHot ? 1 : TB * I0)
    out = buffer(TB * O)
    dOut = buffer(TB * O)
    rowLoss = buffer(TB)
    dh = buffer(backward ? TB * H : 1)
    dx0 = buffer(backward && parameters.embedding != nil ? TB * I0 : 1)
    carry = buffer(B * H)
    carryC = buffer(B * H)
    direct = buffer(B * H)
    var pre: [UnsafeMutablePointer<Double>] = []
    var hs = pre
    var cs = pre
    var hh = pre
    var tcs = pre
    var dZx = pre
    var dZh = pre
    for _ in 0..<c.numLayers {
      pre.append(buffer(TB * GH))
      hs.append(buffer((T + 1) * B * H))
      cs.append(buffer(lstm ? (T + 1) * B * H : 1))
      hh.append(buffer(gru ? TB * GH : 1))
      tcs.append(buffer(lstm ? TB * H : 1))
      dZx.append(buffer(backward ? TB * GH : 1))
      dZh.append(gru && backward ? buffer(TB * GH) : dZx[dZx.count - 1])
    }
    self.pre = pre
    self.hs = hs
    self.cs = cs
    self.hh = hh
    self.tcs = tcs
    self.dZx = dZx
    self.dZh = dZh
    biasGradient = buffer(c.gateRows)
    projectionBias = (0..<c.numLayers).map { k in
      if gru { return parameters.biasIH[k] }
      let s = buffer(c.gateRows)
      for j in 0..<c.gateRows { s[j] = parameters.biasIH[k][j] + parameters.biasHH[k][j] }
      return UnsafePointer(s)
    }
    topGradNormSums = backward ? [Double](repeating: 0, count: T) : []
  }

  /// The workspace one sequence of `steps` steps needs, in bytes (the buffers above, per sequence).
  static func bytesPerSequence(_ c: ModelConfig, steps: Int) -> Double {
    let H = Double(c.hiddenSize)
    let GH = Double(c.gateRows)
    let L = Double(c.numLayers)
    // pre, dZx (+ hh, dZh), h, c, tanh c
    let perLayerStep = 2 * GH + (c.cell == .gru ? 2 * GH : 0) + 4 * H
    // + x0, dx0, out, dOut, dh, loss
    let perStep = L * perLayerStep + 2 * Double(c.inputSize) + 2 * Double(c.outputSize) + H + 1
    // (+ per batch: the carries, b_ih + b_hh and Σ d(Z), no more than the model's size)
    return 8 * perStep * Double(steps)
  }

  /// X0's rows from the batch's inputs (nothing to do for one-hot inputs without an embedding: the
  /// projection reads W_ih's token columns).
  func loadInputs() {
    guard !oneHot else { return }
    for t in 0..<T {
      for b in 0..<B {
        let row = x0 + (t * B + b) * I0
        switch batch[b].inputs[t] {
        case .token(let k):
          if let e = p.embedding {
            row.update(from: e + k * I0, count: I0)
          } else {
            row.update(repeating: 0, count: I0)
            row[k] = 1
          }
        case .vector(let v):
          v.withUnsafeBufferPointer { row.update(from: $0.baseAddress!, count: I0) }
        }
      }
    }
  }

  /// Layer k's input rows: X0, or the layer below's h_0…h_{T−1}.
  func layerInput(_ k: Int) -> UnsafeMutablePointer<Double> { k == 0 ? x0 : hs[k - 1] + B * H }
  func layerInputSize(_ k: Int) -> Int { k == 0 ? I0 : H }

  /// Before layer k's first step forward: the zero initial state.
  func resetState(_ k: Int) {
    hs[k].update(repeating: 0, count: B * H)
    if cell == .lstm { cs[k].update(repeating: 0, count: B * H) }
  }

  /// Before a layer's last step backward: nothing comes back from beyond the last step.
  func resetCarries() {
    carry.update(repeating: 0, count: B * H)
    carryC.update(repeating: 0, count: B * H)
    biasGradient.update(repeating: 0, count: GH)
  }

  // After layer k's last step backward (step 0): db_ih += Σ d(Z);  db_hh += Σ d(Z)  (RNN, LSTM)
  func addBiasGradients(_ k: Int) {
    guard let g, cell != .gru else { return }
    for j in 0..<GH {
      g.biasIH[k][j] += biasGradient[j]
      g.biasHH[k][j] += biasGradient[j]
    }
  }

  // Z_x = X W_ihᵀ + b_ih (+ b_hh but for the GRU) over steps [t0, t1) (a one-hot input picks a column of W_ih).
  func projection(_ k: Int, _ t0: Int, _ t1: Int) {
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let I = layerInputSize(k)
    let wih = p.weightIH[k]
    let bih = projectionBias[k]
    let z0 = pre[k] + r0 * GH
    if k == 0 && oneHot {
      for r in r0..<(r0 + n) {
        let z = pre[k] + r * GH
        let tok = tokens[r]
        for j in 0..<GH { z[j] = wih[j * I + tok] + bih[j] }
      }
      return
    }
    for r in 0..<n { (z0 + r * GH).update(from: bih, count: GH) }
    rs_gemm(
      0, 1, Int32(n), Int32(GH), Int32(I), 1, layerInput(k) + r0 * I, Int32(I), wih, Int32(I), 1,
      z0, Int32(GH))
  }

  // One step of layer k forward (the equations per cell below).
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

  // One step of layer k backward, given ∂L/∂h_t from above in dh (row t) and from step t+1 in the carries.
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

  // The head over steps [t0, t1): o = h W_fcᵀ + b_fc; each row's loss and ∂L/∂o (0 without a target); with a
  // backward pass ∂L/∂h_top = ∂L/∂o W_fc.
  func head(_ t0: Int, _ t1: Int) {
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let top = hs[L - 1] + B * H
    for r in r0..<(r0 + n) { (out + r * O).update(from: p.fcBias, count: O) }
    rs_gemm(
      0, 1, Int32(n), Int32(O), Int32(H), 1, top + r0 * H, Int32(H), p.fcWeight, Int32(H), 1,
      out + r0 * O, Int32(O))
    for t in t0..<t1 {
      for b in 0..<B {
        let r = t * B + b
        let o = out + r * O
        let d = dOut + r * O
        rowLoss[r] = 0
        guard let target = batch[b].targets[t] else {
          d.update(repeating: 0, count: O)
          continue
        }
        switch (loss, target) {
        case (.crossEntropy, .index(let y)):
          // L = logsumexp(o) − o_y;  ∂L/∂o = softmax(o) − onehot(y)
          var m = o[0]
          for j in 1..<O where o[j] > m { m = o[j] }
          for j in 0..<O { d[j] = o[j] - m }
          rs_vexp(O, d, d)
          var s = 0.0
          for j in 0..<O { s += d[j] }
          rowLoss[r] = m + log(s) - o[y]
          for j in 0..<O { d[j] /= s }
          d[y] -= 1
        case (.mse, .vector(let y)):
          // L = ½‖o − y‖²;  ∂L/∂o = o − y
          var s = 0.0
          for j in 0..<O {
            let e = o[j] - y[j]
            d[j] = e
            s += e * e
          }
          rowLoss[r] = s / 2
        default: preconditionFailure("target \(target) does not fit the \(loss.rawValue) loss")
        }
      }
    }
    guard g != nil else { return }
    rs_gemm(
      0, 0, Int32(n), Int32(H), Int32(O), 1, dOut + r0 * O, Int32(O), p.fcWeight, Int32(H), 0,
      dh + r0 * H, Int32(H))
  }

  // dW_fc += dOᵀ H_top;  db_fc += Σ dO  over steps [t0, t1)
  func headGradient(_ t0: Int, _ t1: Int) {
    guard let g else { return }
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let top = hs[L - 1] + B * H
    rs_gemm(
      1, 0, Int32(O), Int32(H), Int32(n), 1, dOut + r0 * O, Int32(O), top + r0 * H, Int32(H), 1,
      g.fcWeight, Int32(H))
    addColumnSums(dOut + r0 * O, rows: n, stride: O, cols: O, into: g.fcBias)
  }

  // dW_hh += d(Z_h)ᵀ H_{t−1} (GRU: db_hh += Σ d(Z_h)) over steps [t0, t1), gate rows `rows` of dW_hh
  func recurrentGradient(_ k: Int, _ t0: Int, _ t1: Int, rows: Range<Int>) {
    guard let g, !rows.isEmpty else { return }
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let d = dZh[k] + r0 * GH + rows.lowerBound
    rs_gemm(
      1, 0, Int32(rows.count), Int32(H), Int32(n), 1, d, Int32(GH), hs[k] + r0 * H, Int32(H), 1,
      g.weightHH[k] + rows.lowerBound * H, Int32(H))
    if cell == .gru {
      addColumnSums(d, rows: n, stride: GH, cols: rows.count, into: g.biasHH[k] + rows.lowerBound)
    }
  }

  // dW_ih += d(Z_x)ᵀ X (a one-hot input adds into token columns; GRU: db_ih += Σ d(Z_x)) over steps [t0, t1), gate
  // rows `rows` of dW_ih
  func inputWeightGradient(_ k: Int, _ t0: Int, _ t1: Int, rows: Range<Int>) {
    guard let g, !rows.isEmpty else { return }
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let I = layerInputSize(k)
    let gw = g.weightIH[k]
    let d = dZx[k] + r0 * GH + rows.lowerBound
    if cell == .gru {
      addColumnSums(d, rows: n, stride: GH, cols: rows.count, into: g.biasIH[k] + rows.lowerBound)
    }
    if k == 0 && oneHot {
      for r in r0..<(r0 + n) {
        let tok = tokens[r]
        let dr = dZx[k] + r * GH
        for j in rows { gw[j * I + tok] += dr[j] }
      }
    } else {
      rs_gemm(
        1, 0, Int32(rows.count), Int32(I), Int32(n), 1, d, Int32(GH), layerInput(k) + r0 * I,
        Int32(I), 1,
        gw + rows.lowerBound * I, Int32(I))
    }
  }

  // ∂L/∂X = d(Z_x) W_ih over steps [t0, t1): the layer below's ∂L/∂h (written over rows layer k has used),
  // or for layer 0 with an embedding, dE[token] += ∂L/∂x_t.
  func inputGradient(_ k: Int, _ t0: Int, _ t1: Int) {
    let r0 = t0 * B
    let n = (t1 - t0) * B
    let I = layerInputSize(k)
    let dx = k > 0 ? dh : dx0
    rs_gemm(
      0, 0, Int32(n), Int32(I), Int32(GH), 1, dZx[k] + r0 * GH, Int32(GH), p.weightIH[k], Int32(I),
      0, dx + r0 * I, Int32(I))
    guard k == 0, let ge = g?.embedding else { return }
    for r in r0..<(r0 + n) where tokens[r] >= 0 {
      let src = dx + r * I
      let dst = ge + tokens[r] * I
      for j in 0..<I { dst[j] += src[j] }
    }
  }

  // s_j += Σ_r a[r][j]  (rows `stride` values apart)
  private func addColumnSums(
    _ a: UnsafeMutablePointer<Double>, rows: Int, stride: Int, cols: Int,
    into s: UnsafeMutablePointer<Double>
  ) {
    for r in 0..<rows {
      let row = a + r * stride
      for j in 0..<cols { s[j] += row[j] }
    }
  }
}
