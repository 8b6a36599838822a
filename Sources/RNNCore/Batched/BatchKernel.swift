import CLapackShim
import Foundation

/// The arithmetic of `BatchBPTT.run` over raw pointers that `run` has checked once: one step of a
/// layer's recurrence (forward and backward side by side, one file per cell: `RNNKernel.swift`,
/// `LSTMKernel.swift`, `GRUKernel.swift`), and the products over a range of steps
/// [t0, t1) — input projections, the head and loss, weight gradients, the gradient sent to the
/// layer below. Rows are time-major (row t·B + b). A range's products touch only that range's rows,
/// so `BatchBPTT` can run them on a second thread while the recurrence moves on; the weight
/// gradients accumulate, and each runs after the range before it.
final class BatchKernel: @unchecked Sendable {
  struct Tensors<P> {
    var weightIH: [P]
    var weightHH: [P]
    var biasIH: [P]
    var biasHH: [P]
    var fcWeight: P
    var fcBias: P
    var embedding: P?
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

  let config: ModelConfig
  let T: Int
  let B: Int
  let L: Int
  let H: Int
  let GH: Int
  let O: Int
  let I0: Int
  let cell: CellKind
  let act: Activation
  let loss: LossKind
  let batch: [Example]
  let tokens: [Int]
  let oneHot: Bool
  let p: Tensors<UnsafePointer<Double>>
  let g: Tensors<UnsafeMutablePointer<Double>>?
  // Workspace: x0 (T·B × I0), per layer pre/gates (T·B × GH), h (T+1 rows of B × H, row 0 the zero
  // state), c (likewise, LSTM), W_hh h + b_hh (GRU), tanh c (LSTM), d(Z_x) and d(Z_h) (GRU: the
  // RNN's and LSTM's are written over the gates); the
  // head's o, ∂L/∂o, loss per row; ∂L/∂h (T·B × H), ∂L/∂x0 (embedding), the carries from step t+1.
  let x0: UnsafeMutablePointer<Double>
  let pre: [UnsafeMutablePointer<Double>]
  let hs: [UnsafeMutablePointer<Double>]
  let cs: [UnsafeMutablePointer<Double>]
  let hh: [UnsafeMutablePointer<Double>]
  let tcs: [UnsafeMutablePointer<Double>]
  let dZxBase: [UnsafeMutablePointer<Double>]
  let dZhBase: [UnsafeMutablePointer<Double>]
  let out: UnsafeMutablePointer<Double>
  let dOut: UnsafeMutablePointer<Double>
  let rowLoss: UnsafeMutablePointer<Double>
  let dhBase: UnsafeMutablePointer<Double>
  let dx0: UnsafeMutablePointer<Double>
  let carry: UnsafeMutablePointer<Double>
  let carryC: UnsafeMutablePointer<Double>
  let direct: UnsafeMutablePointer<Double>
  /// Per layer the bias the projection adds: b_ih + b_hh for the RNN and LSTM (both go into every
  /// step's pre-activation), b_ih for the GRU (its b_hn is scaled by r inside the step).
  let projectionBias: [UnsafePointer<Double>]
  /// The RNN's and LSTM's Σ_t d(Z) of the layer being run back, added by each step back (its d(Z_x)
  /// and d(Z_h) are one, so db_ih and db_hh both receive it when the layer is done); the GRU's
  /// column sums are tasks.
  let biasGradient: UnsafeMutablePointer<Double>
  /// Σ over the batch of ‖∂L/∂h_t‖ of the top layer (written by the backward steps).
  var topGradNormSums: [Double]
  /// Per layer W_ih (GH × I) and W_hh (GH × H), and W_fc (O × H), with the packed copies their
  /// products use (`KernelWeight`). W_hh packed as W_hhᵀ for Z += h_{t−1} W_hhᵀ, and as W_hh for
  /// ∂L/∂h_{t−1} = d(Z_h) W_hh, except where BLAS runs them: one sequence (a GEMV), a W_hh of more
  /// than 64 K values (BLAS's cache blocking), or a step's product large enough for BLAS's two
  /// threads (B·GH·H ≥ 4 M, as in `schedule`). W_ih as W_ihᵀ for the projections where its input
  /// is a few values wide (`narrow`: BLAS would pack both operands of a product with K = I), and
  /// W_ih, W_fc both ways wherever the products run on one thread (`ownsProducts`) and the weight
  /// has at most 64 K values; not for a one-hot layer 0, whose products pick columns.
  let weightIH: [KernelWeight]
  let weightHH: [KernelWeight]
  let fcWeight: KernelWeight
  /// Whether the engine's own GEMMs run the products over ranges of steps
  /// (`ownsProducts(_:batch:)`).
  let ownsProducts: Bool
  /// Layer 0's W_ih transposed (I × GH) for a one-hot input of more rows (T·B) than tokens (I):
  /// the projection copies row `token` (contiguous) instead of gathering column `token` of W_ih
  /// (values I apart), and dW_ih's sums go the same way.
  let weightIHT0: UnsafePointer<Double>?

  init(
    config c: ModelConfig, loss: LossKind, batch: [Example], tokens: [Int], oneHot: Bool,
    parameters: Tensors<UnsafePointer<Double>>, gradients: Tensors<UnsafeMutablePointer<Double>>?,
    workspace ws: BatchWorkspace
  ) {
    config = c
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
    dhBase = buffer(backward ? TB * H : 1)
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
      // The RNN's and LSTM's d(Z) overwrites Z step by step on the way back (a step's gates are
      // read by its own step back alone); the GRU keeps its gates, d(gi) and d(gh) apart.
      dZx.append(gru && backward ? buffer(TB * GH) : pre[pre.count - 1])
      dZh.append(gru && backward ? buffer(TB * GH) : dZx[dZx.count - 1])
    }
    self.pre = pre
    self.hs = hs
    self.cs = cs
    self.hh = hh
    self.tcs = tcs
    dZxBase = dZx
    dZhBase = dZh
    biasGradient = buffer(c.gateRows)
    projectionBias = (0..<c.numLayers).map { k in
      if gru { return parameters.biasIH[k] }
      let s = buffer(c.gateRows)
      for j in 0..<c.gateRows { s[j] = parameters.biasIH[k][j] + parameters.biasHH[k][j] }
      return UnsafePointer(s)
    }
    topGradNormSums = backward ? [Double](repeating: 0, count: T) : []
    let owns = Self.ownsProducts(c, batch: B)
    ownsProducts = owns
    func weight(_ w: Rows, transposed: Bool, plain: Bool, alignedRows: Bool = false)
      -> KernelWeight
    {
      let fits = w.count * w.width <= 1 << 16
      return KernelWeight(
        w, packTransposed: transposed && fits, pack: plain && backward && fits,
        alignedRows: alignedRows, space: buffer)
    }
    // One sequence: W_hh read by a matrix–vector product at every step, from rows on cache lines.
    let oneSequence = B == 1
    weightHH = (0..<c.numLayers).map { k in
      weight(
        Rows(parameters.weightHH[k], count: c.gateRows, width: c.hiddenSize),
        transposed: owns, plain: owns, alignedRows: oneSequence)
    }
    weightIH = (0..<c.numLayers).map { k in
      let I = c.layerInputSize(k)
      let gathered = k == 0 && oneHot
      return weight(
        Rows(parameters.weightIH[k], count: c.gateRows, width: I),
        transposed: !gathered && (owns || I <= Self.narrow),
        plain: owns && (k > 0 || parameters.embedding != nil))
    }
    fcWeight = weight(
      Rows(parameters.fcWeight, count: c.outputSize, width: c.hiddenSize), transposed: owns,
      plain: owns)
    if oneHot && TB > c.inputSize {
      let I = c.inputSize
      let t = buffer(I * GH)
      let w = parameters.weightIH[0]
      for j in 0..<GH {
        for i in 0..<I { t[i * GH + j] = w[j * I + i] }
      }
      weightIHT0 = UnsafePointer(t)
    } else {
      weightIHT0 = nil
    }
  }

  /// Whether a batch's products over ranges of steps (projections, head, weight gradients, the
  /// gradient sent below) go to the engine's own GEMMs: where they run on one thread — a split
  /// half's, or over ranges beside the recurrence, or too small for BLAS's threads — a step's
  /// product being single-threaded (B·GH·H < 4 M, `BatchBPTT.stepProductIsSmall`), and for a batch
  /// of 2 or more, whose products have rows enough to pay for packing the weights once (one
  /// sequence's go to OpenBLAS's small-matrix kernels). A bound on the shapes alone, so that the
  /// numbers never depend on how many threads run them.
  static func ownsProducts(_ c: ModelConfig, batch B: Int) -> Bool {
    B >= 2 && BatchBPTT.stepProductIsSmall(c, batch: B)
  }

  /// The workspace one sequence of `steps` steps needs, in bytes (the buffers above, per sequence).
  static func bytesPerSequence(_ c: ModelConfig, steps: Int) -> Double {
    let H = Double(c.hiddenSize)
    let GH = Double(c.gateRows)
    let L = Double(c.numLayers)
    // pre (which the RNN's and LSTM's dZ overwrites), h, c, tanh c (+ the GRU's hh, dZx, dZh)
    let perLayerStep = GH + (c.cell == .gru ? 3 * GH : 0) + 4 * H
    // + x0, dx0, out, dOut, dh, loss
    let perStep = L * perLayerStep + 2 * Double(c.inputSize) + 2 * Double(c.outputSize) + H + 1
    // (+ per batch: the carries, b_ih + b_hh, Σ d(Z) and the packed weights, a few times
    // the model's size)
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

  // The workspace's rows by name. Rows are time-major: step t's B rows together, row t·B + b for
  // sequence b. `steps` is a range of steps [t0, t1); one Int is that step alone.

  /// Z of layer k over `steps`, (t1 − t0)·B × GH: the input projection X W_ihᵀ + b, then the
  /// pre-activations (the recurrence adds W_hh h_{t−1}), then, in place, the gate values.
  func gates(_ k: Int, _ steps: Range<Int>) -> MutableRows { rows(pre[k], GH, steps) }
  func gates(_ k: Int, _ t: Int) -> MutableRows { gates(k, t..<(t + 1)) }

  /// h_t of layer k for t in `steps`, (t1 − t0)·B × H; t = −1 is the zero initial state.
  func h(_ k: Int, _ steps: Range<Int>) -> MutableRows {
    rows(hs[k] + B * H, H, steps)
  }
  func h(_ k: Int, _ t: Int) -> MutableRows { h(k, t..<(t + 1)) }

  /// c_t of layer k (LSTM), B × H; t = −1 is the zero initial state.
  func c(_ k: Int, _ t: Int) -> MutableRows { rows(cs[k] + B * H, H, t..<(t + 1)) }

  /// tanh(c_t) of layer k (LSTM), B × H.
  func tanhC(_ k: Int, _ t: Int) -> MutableRows { rows(tcs[k], H, t..<(t + 1)) }

  /// gh = W_hh h_{t−1} + b_hh of layer k (GRU, as `GRUCell` names it), B × GH.
  func gh(_ k: Int, _ t: Int) -> MutableRows { rows(hh[k], GH, t..<(t + 1)) }

  /// d(Z_x) of layer k over `steps`, × GH: ∂L/∂ of the input projection (the GRU's d(gi); for
  /// the RNN and LSTM the same rows as d(Z_h), their dz, written over `gates` by each step back).
  func dZx(_ k: Int, _ steps: Range<Int>) -> MutableRows { rows(dZxBase[k], GH, steps) }
  func dZx(_ k: Int, _ t: Int) -> MutableRows { dZx(k, t..<(t + 1)) }

  /// d(Z_h) of layer k over `steps`, × GH: ∂L/∂ of W_hh h_{t−1} (+ b_hh) (the GRU's d(gh)).
  func dZh(_ k: Int, _ steps: Range<Int>) -> MutableRows { rows(dZhBase[k], GH, steps) }
  func dZh(_ k: Int, _ t: Int) -> MutableRows { dZh(k, t..<(t + 1)) }

  /// ∂L/∂h_t of the layer being run back, over `steps`, × H: what the head or the layer above
  /// sends, then (after the step) with what step t+1 sent added.
  func dh(_ steps: Range<Int>) -> MutableRows { rows(dhBase, H, steps) }
  func dh(_ t: Int) -> MutableRows { dh(t..<(t + 1)) }

  /// Layer k's input over `steps`: X0 (I0 wide), or the layer below's h_t (H wide).
  func layerInput(_ k: Int, _ steps: Range<Int>) -> MutableRows {
    k == 0 ? rows(x0, I0, steps) : h(k - 1, steps)
  }
  func layerInputSize(_ k: Int) -> Int { k == 0 ? I0 : H }

  /// Buffer `base`'s rows for `steps`, `width` values each.
  private func rows(_ base: UnsafeMutablePointer<Double>, _ width: Int, _ steps: Range<Int>)
    -> MutableRows
  {
    MutableRows(
      base + steps.lowerBound * B * width, count: steps.count * B, width: width)
  }

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

  /// After layer k's last step backward (step 0): db_ih += Σ d(Z);  db_hh += Σ d(Z)  (RNN, LSTM)
  func addBiasGradients(_ k: Int) {
    guard let g, cell != .gru else { return }
    for j in 0..<GH {
      g.biasIH[k][j] += biasGradient[j]
      g.biasHH[k][j] += biasGradient[j]
    }
  }
}
