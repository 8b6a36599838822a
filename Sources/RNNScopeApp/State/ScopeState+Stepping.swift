import RNNCore
import RNNViews

/// Stepping through the sequence, and the cursor.
extension ScopeState {
  /// One forward step on the sequence.
  @discardableResult
  mutating func stepForward() -> Bool {
    let t = stepsTaken
    guard t < maxSteps else {
      view.message =
        "end of the sequence: all \(maxSteps) steps taken (r resets, n draws a new sequence)"
      return false
    }
    let record = session.step(t)
    view.cursor = t
    if session.bptt != nil {
      session.bptt = nil
      view.animation = nil
      view.message = "steps changed: b backpropagates over all \(stepsTaken)"
    }
    if let fault = ScopeState.nonFinite(record) {
      view.message = ScopeState.overflow(step: t, fault)
    }
    return true
  }

  /// "step 12: h_t holds Inf — the activations overflowed; …", as the status line says it.
  static func overflow(step t: Int, _ fault: String) -> String {
    "step \(t + 1): \(fault) — the activations overflowed; the heatmap shows NaN magenta, "
      + "+Inf white, −Inf black"
  }

  /// What in a step stopped being finite, if anything: "h_t holds Inf", "the loss is NaN", …
  static func nonFinite(_ r: StepRecord) -> String? {
    func kind(_ v: [Double]) -> String? {
      if v.contains(where: \.isNaN) { return "NaN" }
      return v.contains(where: { $0.isInfinite }) ? "Inf" : nil
    }
    for (k, h) in r.hidden.enumerated() {
      if let what = kind(h) {
        return "h_t" + (r.hidden.count > 1 ? " of layer \(k + 1)" : "") + " holds \(what)"
      }
    }
    if let what = kind(r.cell.flatMap { $0 }) { return "c_t holds \(what)" }
    if let what = kind(r.outputs) { return "the output o_t holds \(what)" }
    if let l = r.loss, !l.isFinite { return "the loss is \(l.isNaN ? "NaN" : "Inf")" }
    return nil
  }

  /// A padded step (mask 0): the next input is consumed but the state carries over and no loss is
  /// added.
  @discardableResult
  mutating func stepPadded() -> Bool {
    let t = stepsTaken
    guard t < maxSteps else {
      view.message = "end of the sequence"
      return false
    }
    session.pass.step(session.example.inputs[t], target: session.example.targets[t], active: false)
    session.padded.insert(t)
    view.cursor = t
    session.bptt = nil
    view.animation = nil
    return true
  }

  mutating func stepBack() {
    guard stepsTaken > 0 else { return }
    guard !session.pass.steps.isEmpty else {
      view.message = "steps 1–\(firstKept) were forgotten: r goes back to the start"
      return
    }
    session.pass.truncate(to: session.pass.steps.count - 1)
    session.padded.remove(stepsTaken)
    view.cursor =
      stepsTaken == 0 ? 0 : min(max(cursor, firstKept), max(firstKept, stepsTaken - 1))
    if session.pass.steps.isEmpty && firstKept > 0 { view.cursor = firstKept - 1 }
    session.bptt = nil
    view.animation = nil
  }

  mutating func runToEnd() {
    stepForward(to: maxSteps, label: "stepping to the end")
    if work == nil { view.message = "ran to the end: \(stepsTaken) steps" }
  }

  /// Replays the steps taken with the current model (after the weights or the activation change).
  /// Long replays run in slices in the visualizer (see `LongWork`).
  mutating func replay() {
    let n = stepsTaken
    let hadGradients = session.bptt != nil
    let c = cursor
    let said = view.message
    // This replay is of the current model: one on a thread is no longer needed.
    cancelReplay()
    session.pass = session.newPass()
    session.bptt = nil
    view.animation = nil
    cancelWork()
    stepForward(to: n, label: "replaying", cursorAfter: c, backwardAfter: hadGradients)
    if work == nil && view.message?.contains("overflowed") != true { view.message = said }
  }

  mutating func moveCursor(to t: Int) {
    guard stepsTaken > 0 else {
      view.cursor = 0
      return
    }
    view.cursor = min(max(t, firstKept), stepsTaken - 1)
  }

  /// → and l: one step right, or at the last step taken a step forward.
  mutating func cursorRight() {
    if cursor < stepsTaken - 1 { view.cursor += 1 } else { stepForward() }
  }

  /// ← and h: one step left, or say why not.
  mutating func cursorLeft() {
    if cursor > firstKept {
      view.cursor -= 1
    } else if stepsTaken == 0 {
      view.message = "no steps yet: Space or → steps forward"
    } else if firstKept > 0 {
      view.message = "steps 1–\(firstKept) were forgotten: the tape keeps the latest steps"
    }
  }

  mutating func reset() {
    session.pass = session.newPass()
    session.padded = []
    session.bptt = nil
    view.animation = nil
    view.cursor = 0
    view.message = "reset to step 0"
  }

  /// The next sequence from the task (the demo text has only one).
  mutating func newSequence() {
    guard options.task != nil else {
      view.message = "the text is one sequence; r goes back to its start"
      return
    }
    session.example = session.task.example(&session.exampleGenerator)
    reset()
    view.message = "a new sequence of \(maxSteps) steps"
  }
}
