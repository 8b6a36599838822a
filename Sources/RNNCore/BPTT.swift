/// Full backpropagation through time, or truncated: every k1 steps, backpropagate k2 steps.
public enum BPTTMode: Sendable, Equatable {
  case full
  case truncated(k1: Int, k2: Int)
}

/// What backpropagation through time over a forward pass returns. Arrays are indexed [layer][t].
public struct BPTTResult: Sendable {
  /// ∂L/∂θ for every parameter, L = Σ_t L_t (under truncation: what the truncated gradient sums to).
  public let gradients: ModelParameters
  /// ∂L/∂h_t: the total derivative of the whole loss at every layer and step.
  public let hiddenGradients: [[[Double]]]
  public let hiddenGradNorms: [[Double]]
  /// ‖∂L/∂c_t‖ for LSTM (nil for other cells).
  public let cellGradNorms: [[Double]]?
  /// ∂L_last/∂h_t, L_last = the loss at the last step with a target (always full BPTT; zero after that step).
  public let lastLossHiddenGradients: [[[Double]]]
  public let lastLossHiddenGradNorms: [[Double]]
  /// The step whose loss is L_last, if any step has a target.
  public let lastLossStep: Int?
}

/// Backpropagation through time over every step of `pass`. `lastLoss: false` skips the ∂L_last/∂h_t sweep
/// (training does not need it; its arrays are then zeros). A requested `cancel` stops the sweeps at their
/// next step: the result is then meaningless, and the caller (who asked) drops it.
public func backpropagate(
  _ pass: ForwardPass, mode: BPTTMode = .full, lastLoss: Bool = true,
  cancel: Cancellation? = nil
) -> BPTTResult {
  let c = pass.model.config
  let T = pass.steps.count
  let zeroStates = [[[Double]]](
    repeating: [[Double]](repeating: [Double](repeating: 0, count: c.hiddenSize), count: T),
    count: c.numLayers)
  var grads: ModelParameters? = ModelParameters(zerosFor: c)
  var dh = zeroStates
  var dc = zeroStates
  switch mode {
  case .full:
    BackwardSweep.run(
      pass, from: T - 1, downTo: 0, lossAt: { _ in true }, grads: &grads, dh: &dh, dc: &dc,
      cancel: cancel)
  case .truncated(let k1, let k2):
    precondition(k1 >= 1 && k2 >= k1, "truncated BPTT needs 1 ≤ k1 ≤ k2")
    // Chunk ends at steps k1−1, 2k1−1, …, and T−1; each backpropagates its own losses (those after the
    // previous end) through the k2 steps ending at it.
    var previousEnd = -1
    while previousEnd < T - 1 {
      let end = min(previousEnd + k1, T - 1)
      let after = previousEnd
      BackwardSweep.run(
        pass, from: end, downTo: max(0, end - k2 + 1), lossAt: { $0 > after && $0 <= end },
        grads: &grads, dh: &dh, dc: &dc, cancel: cancel)
      previousEnd = end
    }
  }
  let last = pass.steps.lastIndex { $0.active && $0.target != nil }
  var none: ModelParameters? = nil
  var lastDh = zeroStates
  var lastDc = zeroStates
  if let last, lastLoss {
    BackwardSweep.run(
      pass, from: last, downTo: 0, lossAt: { $0 == last }, grads: &none, dh: &lastDh, dc: &lastDc,
      cancel: cancel)
  }
  return BPTTResult(
    gradients: grads!,
    hiddenGradients: dh,
    hiddenGradNorms: dh.map { $0.map(euclideanNorm) },
    cellGradNorms: c.cell == .lstm ? dc.map { $0.map(euclideanNorm) } : nil,
    lastLossHiddenGradients: lastDh,
    lastLossHiddenGradNorms: lastDh.map { $0.map(euclideanNorm) },
    lastLossStep: last)
}

enum BackwardSweep {
  /// Backpropagates the losses at the steps where `lossAt` holds, from step `hi` down to step `lo`
  /// (the gradient reaching h_{lo−1} is dropped), adding ∂L/∂h_t and ∂L/∂c_t into dh and dc and, when
  /// `grads` is non-nil, the parameter gradients into it.
  static func run(
    _ pass: ForwardPass, from hi: Int, downTo lo: Int, lossAt: (Int) -> Bool,
    grads: inout ModelParameters?, dh: inout [[[Double]]], dc: inout [[[Double]]],
    cancel: Cancellation? = nil
  ) {
    guard hi >= lo, hi >= 0 else { return }
    let c = pass.model.config
    let p = pass.model.parameters
    let L = c.numLayers
    let top = L - 1
    let zero = [Double](repeating: 0, count: c.hiddenSize)
    var carry = [[Double]](repeating: zero, count: L)  // ∂L/∂h_t arriving from step t+1
    var carryC = [[Double]](repeating: zero, count: L)  // ∂L/∂c_t arriving from step t+1 (LSTM)
    let hasEmbedding = p.embedding != nil
    // Weight gradients are sums of outer products over the steps; their factors are gathered here and
    // summed at the end with one matrix product each (dW = Σ_t d_t x_tᵀ = Dᵀ X), not a rank-1 update per step.
    let accumulate = grads != nil
    var dOutRows: [Double] = []
    var topRows: [Double] = []
    var outCount = 0
    var dIHRows = [[Double]](repeating: [], count: L)
    var xRows = [[Double]](repeating: [], count: L)
    var xCount = [Int](repeating: 0, count: L)
    var dHHRows = [[Double]](repeating: [], count: L)
    var hRows = [[Double]](repeating: [], count: L)
    var hCount = [Int](repeating: 0, count: L)
    // Summed every `block` steps, so the gathered rows stay small however long the sequence.
    let block = 64
    func flushOut() {
      grads!.fcWeight.addOuterSum(dOutRows, topRows, count: outCount)
      dOutRows.removeAll(keepingCapacity: true)
      topRows.removeAll(keepingCapacity: true)
      outCount = 0
    }
    func flushLayer(_ k: Int) {
      grads!.layers[k].weightIH.addOuterSum(dIHRows[k], xRows[k], count: xCount[k])
      grads!.layers[k].weightHH.addOuterSum(dHHRows[k], hRows[k], count: hCount[k])
      dIHRows[k].removeAll(keepingCapacity: true)
      xRows[k].removeAll(keepingCapacity: true)
      xCount[k] = 0
      dHHRows[k].removeAll(keepingCapacity: true)
      hRows[k].removeAll(keepingCapacity: true)
      hCount[k] = 0
    }
    for t in stride(from: hi, through: lo, by: -1) {
      if cancel?.isCancelled == true { return }
      let s = pass.steps[t]
      guard s.active else {
        // A padded step copies the state: its gradient passes straight through.
        for k in 0..<L {
          addInPlace(&dh[k][t], carry[k])
          if c.cell == .lstm { addInPlace(&dc[k][t], carryC[k]) }
        }
        continue
      }
      var fromAbove: [Double]? = nil
      for k in stride(from: top, through: 0, by: -1) {
        var g = carry[k]
        if k == top, lossAt(t), let target = s.target {
          // ∂L_t/∂o_t, then dW_fc += do hᵀ, db_fc += do, dh += W_fcᵀ do
          let dOut = pass.lossKind.gradient(
            outputs: s.outputs, probabilities: s.probabilities, target: target)
          if accumulate {
            dOutRows += dOut
            topRows += s.hidden[top]
            outCount += 1
            addInPlace(&grads!.fcBias, dOut)
            if outCount == block { flushOut() }
          }
          addInPlace(&g, p.fcWeight.transposedTimes(dOut))
        }
        if let a = fromAbove { addInPlace(&g, a) }
        addInPlace(&dh[k][t], g)
        let wantInput = k > 0 || hasEmbedding
        let back: LayerBackward
        switch c.cell {
        case .rnn:
          back = RNNCell.backward(
            p.layers[k], c.activation, s.layers[k], dh: g, wantInput: wantInput)
        case .lstm:
          let (b, dcTotal) = LSTMCell.backward(
            p.layers[k], s.layers[k], dh: g, dcNext: carryC[k], wantInput: wantInput)
          back = b
          addInPlace(&dc[k][t], dcTotal)
        case .gru:
          back = GRUCell.backward(p.layers[k], s.layers[k], dh: g, wantInput: wantInput)
        }
        if accumulate {
          // db_ih += dIH, db_hh += dHH now; dW_ih and dW_hh from the gathered rows at the end (a one-hot
          // input adds to one column of dW_ih directly).
          addInPlace(&grads!.layers[k].biasIH, back.dIH)
          addInPlace(&grads!.layers[k].biasHH, back.dHH)
          switch s.layers[k].input {
          case .oneHot(let col):
            for r in back.dIH.indices { grads!.layers[k].weightIH[r, col] += back.dIH[r] }
          case .dense(let x):
            dIHRows[k] += back.dIH
            xRows[k] += x
            xCount[k] += 1
          }
          dHHRows[k] += back.dHH
          hRows[k] += s.layers[k].hPrev
          hCount[k] += 1
          if hCount[k] == block { flushLayer(k) }
        }
        carry[k] = back.dhPrev
        if c.cell == .lstm { carryC[k] = back.dcPrev }
        fromAbove = back.dInput
      }
      // The embedding row read at this step: dE[token] += ∂L/∂x_t
      if hasEmbedding, grads != nil, case .token(let tok) = s.input, let dx = fromAbove {
        let cols = p.embedding!.cols
        for j in 0..<cols { grads!.embedding!.data[tok * cols + j] += dx[j] }
      }
    }
    if accumulate {
      flushOut()
      for k in 0..<L { flushLayer(k) }
    }
  }
}
