/// What one forward timestep computed, kept on the tape for BPTT and for the views.
public struct StepRecord: Sendable, Equatable {
    public let input: StepInput
    public let target: Int?
    public let preActivation: [Double]   // a_t
    public let hidden: [Double]          // h_t
    public let logits: [Double]          // o_t = W_fc h_t + b_fc
    public let probabilities: [Double]   // softmax(o_t)
    public let loss: Double?             // −log p_t[y_t], when step t has a target
}

/// A forward pass that advances one timestep at a time and keeps a tape of every step.
public struct SequenceRun: Sendable {
    public let model: RNNModel
    public private(set) var steps: [StepRecord] = []
    /// h_0, the state before the first step (zeros unless given).
    public let initialHidden: [Double]

    public init(model: RNNModel, initialHidden: [Double]? = nil) {
        self.model = model
        self.initialHidden = initialHidden ?? [Double](repeating: 0, count: model.config.hiddenSize)
        precondition(self.initialHidden.count == model.config.hiddenSize)
    }

    /// h_{T}, the state after the last step taken (h_0 before any).
    public var hidden: [Double] { steps.last?.hidden ?? initialHidden }

    /// The hidden state before step `t` (0-based): h_{t−1}.
    public func hiddenBefore(_ t: Int) -> [Double] { t == 0 ? initialHidden : steps[t - 1].hidden }

    /// Σ_t L_t over the steps taken that have a target.
    public var totalLoss: Double { steps.reduce(0) { $0 + ($1.loss ?? 0) } }

    /// Advances one timestep: h_t = φ(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh), o_t = W_fc h_t + b_fc.
    @discardableResult
    public mutating func step(_ input: StepInput, target: Int?, nudge: [Double]? = nil) -> StepRecord {
        let p = model.parameters
        let (a, h) = RNNCell.forward(p, model.config.activation, input: input, hPrev: hidden, nudge: nudge)
        var o = p.fcWeight.times(h)
        addInPlace(&o, p.fcBias)
        let probs = SoftmaxCrossEntropy.softmax(o)
        let loss = target.map { SoftmaxCrossEntropy.loss(logits: o, target: $0) }
        let record = StepRecord(
            input: input, target: target, preActivation: a, hidden: h, logits: o, probabilities: probs, loss: loss)
        steps.append(record)
        return record
    }

    /// Forgets the steps after the first `count`.
    public mutating func truncate(to count: Int) {
        steps.removeLast(max(0, steps.count - count))
    }
}
