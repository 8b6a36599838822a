/// Backpropagation through time over every step of `pass`, in `mode`'s windows. `lastLoss: false`
/// skips the ∂L_last/∂h_t sweep (training does not need it; its arrays are then zeros). A requested
/// `cancel` stops the sweeps at their next step: the result is then meaningless, and the caller
/// (who asked) drops it.
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
  let windows = mode.windows(steps: T)
  for w in windows {
    BackwardSweep.run(
      pass, from: w.steps.upperBound, downTo: w.steps.lowerBound, lossAt: w.losses.contains,
      grads: &grads, dh: &dh, dc: &dc, cancel: cancel)
  }
  let last = pass.steps.lastIndex { $0.active && $0.target != nil }
  var none: ModelParameters? = nil
  var lastDh = zeroStates
  var lastDc = zeroStates
  // L_last goes back as far as the window holding its loss reaches (step 0 under full BPTT).
  let lastWindow = last.flatMap { t in windows.first { $0.losses.contains(t) } }
  if let last, let lastWindow, lastLoss {
    BackwardSweep.run(
      pass, from: last, downTo: lastWindow.steps.lowerBound, lossAt: { $0 == last },
      grads: &none, dh: &lastDh, dc: &lastDc, cancel: cancel)
  }
  return BPTTResult(
    gradients: grads!,
    hiddenGradients: dh,
    hiddenGradNorms: dh.map { $0.map(euclideanNorm) },
    cellGradNorms: c.cell == .lstm ? dc.map { $0.map(euclideanNorm) } : nil,
    lastLossHiddenGradients: lastDh,
    lastLossHiddenGradNorms: lastDh.map { $0.map(euclideanNorm) },
    lastLossCellGradNorms: c.cell == .lstm ? lastDc.map { $0.map(euclideanNorm) } : nil,
    lastLossStep: last, mode: mode, windows: windows, lastLossWindow: lastWindow)
}
