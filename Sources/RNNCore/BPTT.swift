/// Backpropagation through time over every step of `pass`. `lastLoss: false` skips the ∂L_last/∂h_t
/// sweep (training does not need it; its arrays are then zeros). A requested `cancel` stops the
/// sweeps at their next step: the result is then meaningless, and the caller (who asked) drops it.
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
    // Chunk ends at steps k1−1, 2k1−1, …, and T−1; each backpropagates its own losses (those after
    // the previous end) through the k2 steps ending at it.
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
