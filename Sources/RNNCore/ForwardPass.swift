import Foundation

/// A forward pass that advances one timestep at a time through every layer and keeps a tape.
public struct ForwardPass: Sendable {
  public let model: Model
  public let lossKind: LossKind
  /// The tape: every step taken, or with a `window` only the latest ones.
  public private(set) var steps: [StepRecord] = []
  /// The state before `steps[0]`: h_0 (and c_0), or the state after the last forgotten step.
  public private(set) var initialHidden: [[Double]]
  public private(set) var initialCell: [[Double]]
  /// Keep at most about this many steps on the tape (nil: all). Older steps are forgotten in
  /// blocks, so a sequence of any length streams through in bounded memory; BPTT then reaches back
  /// to the window's start.
  public var window: Int? = nil
  /// How many steps were forgotten from the front: steps[i] is step `forgotten + i` of the
  /// sequence.
  public private(set) var forgotten = 0
  /// Every step taken, forgotten or not.
  public var stepCount: Int { forgotten + steps.count }

  /// A pass starting from zero state, or from the given h_0 (and c_0 for LSTM) of every layer.
  public init(
    model: Model, loss: LossKind = .crossEntropy, initialHidden: [[Double]]? = nil,
    initialCell: [[Double]]? = nil
  ) {
    self.model = model
    lossKind = loss
    let c = model.config
    let zeros = [[Double]](
      repeating: [Double](repeating: 0, count: c.hiddenSize), count: c.numLayers)
    self.initialHidden = initialHidden ?? zeros
    self.initialCell =
      c.cell == .lstm ? (initialCell ?? zeros) : [[Double]](repeating: [], count: c.numLayers)
    precondition(
      self.initialHidden.count == c.numLayers
        && self.initialHidden.allSatisfy { $0.count == c.hiddenSize })
  }

  /// The state after the last step (the initial state before any).
  public var hidden: [[Double]] { steps.last?.hidden ?? initialHidden }
  public var cell: [[Double]] { steps.last?.cell ?? initialCell }

  /// Σ_t L_t over the active steps with a target.
  public var totalLoss: Double { steps.reduce(0) { $0 + ($1.loss ?? 0) } }

  /// Layer 0's input for a step input: one-hot, an embedding row, or the vector itself.
  func layerZeroInput(_ input: StepInput) -> LayerInput {
    switch input {
    case .token(let k):
      if let e = model.parameters.embedding {
        return .dense(Array(e.data[(k * e.cols)..<((k + 1) * e.cols)]))
      }
      return .oneHot(k)
    case .vector(let v): return .dense(v)
    }
  }

  /// Advances one timestep. A padded step (active: false) keeps every layer's state and adds no
  /// loss.
  @discardableResult
  public mutating func step(
    _ input: StepInput, target: Target? = nil, active: Bool = true, nudge: Nudge? = nil
  ) -> StepRecord {
    let c = model.config
    let p = model.parameters
    var hs = hidden
    var cs = cell
    var layerSteps: [LayerStep] = []
    if active {
      var x = layerZeroInput(input)
      for k in 0..<c.numLayers {
        let s = model.layerStep(k, x: x, hPrev: hs[k], cPrev: cs[k])
        var h = s.hidden
        var cc = s.cell
        if let n = nudge, n.layer == k {
          if let dc = n.dc {
            // c_t + δ flows into h_t = σ(o) ⊙ tanh(c_t) as well as into the next step.
            addInPlace(&cc, dc)
            let o = s.gate(LSTMGate.o)
            for j in 0..<c.hiddenSize { h[j] = o[o.startIndex + j] * tanh(cc[j]) }
          }
          addInPlace(&h, n.dh)
        }
        let step =
          (h == s.hidden && cc == s.cell)
          ? s
          : LayerStep(
            input: s.input, hPrev: s.hPrev, cPrev: s.cPrev, preActivation: s.preActivation,
            gates: s.gates, hiddenPart: s.hiddenPart, hidden: h, cell: cc)
        layerSteps.append(step)
        hs[k] = h
        cs[k] = cc
        x = .dense(h)
      }
    }
    var o = p.fcWeight.times(hs[c.numLayers - 1])
    addInPlace(&o, p.fcBias)
    let probs = lossKind == .crossEntropy ? SoftmaxCrossEntropy.softmax(o) : []
    let loss = active ? target.map { lossKind.loss(outputs: o, target: $0) } : nil
    let record = StepRecord(
      input: input, target: target, active: active, layers: layerSteps, hidden: hs, cell: cs,
      outputs: o, probabilities: probs, loss: loss)
    steps.append(record)
    if let w = window.map({ max($0, 1) }), steps.count >= 2 * w { forget(steps.count - w) }
    return record
  }

  /// Forgets the oldest `n` steps, keeping the state they led to as the tape's starting state.
  public mutating func forget(_ n: Int) {
    let n = min(n, steps.count)
    guard n > 0 else { return }
    initialHidden = steps[n - 1].hidden
    if model.config.cell == .lstm { initialCell = steps[n - 1].cell }
    steps.removeFirst(n)
    forgotten += n
  }

  /// Forgets the steps after the first `count`.
  public mutating func truncate(to count: Int) { steps.removeLast(max(0, steps.count - count)) }
}
