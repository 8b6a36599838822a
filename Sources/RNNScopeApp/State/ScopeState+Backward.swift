import RNNCore
import RNNViews

/// Backpropagation through time over the steps taken, and the gradient measure shown.
extension ScopeState {
  /// BPTT over the steps taken, shown at once (animate: false) or walked back from T to 1. A long
  /// one runs on a thread of its own in the visualizer (see `LongWork`).
  mutating func backward(animate: Bool = true, mode: BPTTMode = .full) {
    guard !session.pass.steps.isEmpty else {
      view.message = "no steps yet: step forward first (Space or →)"
      return
    }
    // The steps back cost about twice the steps forward.
    if !isQuick(steps: 3 * session.pass.steps.count) {
      work = LongWork(
        kind: .backward(BackwardJob(pass: session.pass, mode: mode), animate: animate),
        label: "backpropagating")
      view.message = work!.progress(self)
      return
    }
    show(backpropagate(session.pass, mode: mode), animate: animate)
  }

  /// Shows a BPTT result over the steps on the tape.
  mutating func show(_ b: BPTTResult, animate: Bool) {
    session.bptt = b
    if measure.isCellState && config.cell != .lstm { view.measure = .last }
    let n = session.pass.steps.count
    view.animation = animate && n > 1 ? n - 1 : nil
    view.animationClock = 0
    var said =
      "BPTT over \(n) step\(n == 1 ? "" : "s")"
      + (firstKept > 0
        ? " (steps \(firstKept + 1)–\(stepsTaken); the \(firstKept) before were forgotten)" : "")
      + ": total loss \(NumberFormat.short(session.pass.totalLoss))"
    if case .truncated(let k1, let k2) = b.mode {
      said +=
        ", truncated k1=\(k1) k2=\(k2) (\(b.windows.count) windows"
        + (b.lastLossWindow.map { "; L_T reaches back to t=\(firstKept + $0.steps.lowerBound + 1)" }
          ?? "") + ")"
    }
    if isAnimating { said += " — walking the gradient back (any key skips)" }
    if let bad = b.hiddenGradNorms.joined().first(where: { !$0.isFinite })
      ?? b.gradients.names.lazy
      .compactMap({ b.gradients[$0].first { !$0.isFinite } }).first
    {
      said += " — some gradients are \(bad.isNaN ? "NaN" : "Inf") (the numbers overflowed)"
    }
    view.message = said
  }

  /// The gradient shown: ‖∂L_T/∂h_t‖ → ‖∂L/∂h_t‖ (→ ‖∂L_T/∂c_t‖ → ‖∂L/∂c_t‖ for an LSTM).
  mutating func cycleMeasure() {
    let all = GradientMeasure.cycle(lstm: config.cell == .lstm)
    view.measure = all[((all.firstIndex(of: measure) ?? 0) + 1) % all.count]
    view.message = "gradient shown: \(measure.title), \(measure.explanation)"
  }

  /// The backward animation moves on by `seconds` at the animation's speed; whether it moved.
  mutating func advanceAnimation(seconds: Double) -> Bool {
    guard let a = view.animation else { return false }
    view.animationClock += seconds * Double(speed)
    let stepsToMove = Int(view.animationClock)
    guard stepsToMove > 0 else { return false }
    view.animationClock -= Double(stepsToMove)
    let next = a - stepsToMove
    view.animation = next <= 0 ? nil : next
    if view.animation == nil {
      view.message =
        "BPTT over \(session.pass.steps.count) steps: the gradient reached step \(firstKept + 1)"
        + (firstKept > 0 ? " (the first kept; \(firstKept) before were forgotten)" : "")
    }
    return true
  }
}
