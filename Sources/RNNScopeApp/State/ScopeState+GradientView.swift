import RNNCore
import RNNViews

/// How the gradient panel looks at the profile: its axis, the pinned profile under it, and the
/// factor per step back.
extension ScopeState {
  /// The pinned profile over the tape's steps from `firstKept` on, as far as either reaches (empty
  /// when nothing is pinned).
  public var pinnedNorms: [Double?] {
    guard let p = view.pinned else { return [] }
    let count = max(pass.steps.count, p.first + p.norms.count - firstKept)
    return p.aligned(first: firstKept, count: max(0, count))
  }

  /// The decades the gradient axis spans now: held, or those of the profile and the pinned one.
  public var gradientDecades: ClosedRange<Int>? {
    if let held = view.gradientAxis { return held }
    var plot = LogBarPlot(values: [])
    plot.scale = wholeGradientNorms(layer: config.numLayers - 1) ?? []
    plot.scale += secondWholeGradientNorms ?? []  // a split view's second model shares the axis
    plot.ghost = pinnedNorms
    return plot.dataDecades
  }

  /// ‖∂L_T/∂h_{t−1}‖ / ‖∂L_T/∂h_t‖ of the top layer per step on the tape (`GradientFactors`), nil
  /// where undefined and, during the backward animation, where the gradient has not yet arrived.
  public var stepBackFactors: [Double?] {
    guard let b = bptt else { return [] }
    let all = GradientFactors.perStep(b.lastLossHiddenGradNorms[config.numLayers - 1])
    guard let a = view.animation else { return all }
    return all.enumerated().map { $0.offset > a ? $0.element : nil }
  }

  /// The tape index whose factor the gradient panel reads out: while the gradient walks back, the
  /// step it last crossed (from it to the one before); else the cursor's.
  public var factorProbe: Int? {
    guard bptt != nil else { return nil }
    if let a = view.animation { return a + 1 < pass.steps.count ? a + 1 : nil }
    let i = cursor - firstKept
    return i >= 0 && i < pass.steps.count ? i : nil
  }

  /// "tanh, before training", "LSTM, after 300 training steps": what a pinned profile was.
  var defaultPinLabel: String {
    let what = config.cell == .rnn ? config.activation.rawValue : config.cell.rawValue.uppercased()
    let when = trainedSteps == 0 ? "before training" : "after \(trainedSteps) training steps"
    return "\(what), \(when)"
  }

  /// Keeps the profile shown (every step of it, also during the walk back) under `label`.
  mutating func pin(label: String?) throws -> CommandResult {
    guard let norms = wholeGradientNorms(layer: config.numLayers - 1) else {
      throw CommandError("nothing to pin: backpropagate first (b)")
    }
    let label = label ?? defaultPinLabel
    view.pinned = PinnedProfile(label: label, measure: measure, first: firstKept, norms: norms)
    return .message("pinned \"\(label)\": drawn in grey under the next profile (u unpins)")
  }

  /// The gradient axis held (at `change`'s decades, or those shown now) or set by the profiles.
  mutating func setGradientAxis(_ change: AxisChange) throws -> CommandResult {
    switch change {
    case .auto:
      view.gradientAxis = nil
      return .message("gradient axis: set by the profiles shown")
    case .lock(let range):
      // The command checked that given ends are whole decades.
      guard let r = range.map({ Int($0.lowerBound)...Int($0.upperBound) }) ?? gradientDecades
      else {
        throw CommandError("no axis to hold yet: backpropagate first, or give from=N to=N")
      }
      view.gradientAxis = r
      return .message(
        "gradient axis held at \(NumberFormat.decade(r.lowerBound))…"
          + "\(NumberFormat.decade(r.upperBound)) (axis auto lets go)")
    }
  }
}
