/// What backpropagation through time over a tape returns.
public struct BPTTResult: Sendable {
    /// ∂L/∂θ for every parameter, L = Σ_t L_t.
    public let gradients: RNNParameters
    /// ∂L/∂h_t for t = 1…T: the total derivative of the whole loss (local loss plus everything later).
    public let hiddenGradients: [[Double]]
    /// ‖∂L/∂h_t‖ for t = 1…T.
    public let hiddenGradNorms: [Double]
    /// ∂L_last/∂h_t, where L_last is the loss at the last step that has a target (zero after that step).
    public let lastLossHiddenGradients: [[Double]]
    /// ‖∂L_last/∂h_t‖: how much of the end still reaches step t.
    public let lastLossHiddenGradNorms: [Double]
    /// The index of the step whose loss is L_last, if any step has a target.
    public let lastLossStep: Int?
}

/// Full backpropagation through time over every step of `run`.
public func backpropagate(_ run: SequenceRun) -> BPTTResult {
    let model = run.model, p = model.parameters, act = model.config.activation
    let hSize = model.config.hiddenSize
    let T = run.steps.count
    var grads = RNNParameters(zerosFor: model.config)
    var dhTotal = [[Double]](repeating: [], count: T)
    var dhLast = [[Double]](repeating: [Double](repeating: 0, count: hSize), count: T)
    let lastStep = run.steps.lastIndex { $0.target != nil }

    // Whole loss: dh_t = W_fcᵀ (p_t − y_t) + W_hhᵀ da_{t+1}
    var carry = [Double](repeating: 0, count: hSize)
    for t in stride(from: T - 1, through: 0, by: -1) {
        let s = run.steps[t]
        var dh = carry
        if let y = s.target {
            // ∂L_t/∂o_t = p − onehot(y);  dW_fc += do hᵀ;  db_fc += do;  dh += W_fcᵀ do
            let dOut = SoftmaxCrossEntropy.gradient(probabilities: s.probabilities, target: y)
            grads.fcWeight.addOuter(dOut, s.hidden)
            addInPlace(&grads.fcBias, dOut)
            addInPlace(&dh, p.fcWeight.transposedTimes(dOut))
        }
        dhTotal[t] = dh
        carry = RNNCell.backward(
            dh: dh, preActivation: s.preActivation, hidden: s.hidden, hPrev: run.hiddenBefore(t),
            input: s.input, p, act, grads: &grads)
    }

    // Last loss only: dh_T = W_fcᵀ (p_T − y_T), then dh_{t−1} = W_hhᵀ (dh_t ⊙ φ'(a_t))
    if let last = lastStep, let y = run.steps[last].target {
        let s = run.steps[last]
        var dh = p.fcWeight.transposedTimes(SoftmaxCrossEntropy.gradient(probabilities: s.probabilities, target: y))
        for t in stride(from: last, through: 0, by: -1) {
            dhLast[t] = dh
            let st = run.steps[t]
            dh = RNNCell.propagate(dh: dh, preActivation: st.preActivation, hidden: st.hidden, p, act)
        }
    }

    return BPTTResult(
        gradients: grads,
        hiddenGradients: dhTotal,
        hiddenGradNorms: dhTotal.map(euclideanNorm),
        lastLossHiddenGradients: dhLast,
        lastLossHiddenGradNorms: dhLast.map(euclideanNorm),
        lastLossStep: lastStep)
}
