enum BackwardSweep {
  /// Backpropagates the losses at the steps where `lossAt` holds, from step `hi` down to step `lo`
  /// (the gradient reaching h_{lo−1} is dropped), adding ∂L/∂h_t and ∂L/∂c_t into dh and dc and,
  /// when `grads` is non-nil, the parameter gradients into it.
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
    // Weight gradients are sums of outer products over the steps; their factors are gathered here
    // and summed at the end with one matrix product each (dW = Σ_t d_t x_tᵀ = Dᵀ X), not a rank-1
    // update per step.
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
          // db_ih += dIH, db_hh += dHH now; dW_ih and dW_hh from the gathered rows at the end (a
          // one-hot input adds to one column of dW_ih directly).
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
