import Foundation
import RNNCore
import RNNViews

/// Work too long for one frame — stepping to a far step (e, run, step N, a loaded session's or a
/// new model's replay) or sampling many characters — that the visualizer does in slices between
/// frames, so that keys and signals are answered meanwhile and a progress line shows how far it has
/// got.
public struct LongWork: Sendable {
  public enum Kind: Sendable {
    /// Step forward until `stepsTaken` reaches this.
    case steps(target: Int)
    /// Sample `total` characters; `text` holds the `drawn` so far.
    case sample(TextSampler, total: Int, drawn: Int, text: String)
    /// BPTT on a thread of its own (it cannot be cut into slices), shown when it is done.
    case backward(BackwardJob, animate: Bool)
    /// A fixed-point search, a start at a time (`fixed`).
    case fixedPoints(FixedPointSearch)
  }

  public internal(set) var kind: Kind
  /// "stepping", "replaying", "sampling": the progress line's first word.
  public let label: String
  /// Where the cursor goes, and whether BPTT runs again, once the steps are taken.
  var cursorAfter: Int?
  var backwardAfter = false
  /// What the sample's message starts with (its prime).
  var prefix = ""
  /// The first step whose numbers overflowed, as `stepForward` said it.
  var fault: String?

  /// "stepping to the end: step 17 of 1000 — Esc stops, q quits"
  func progress(_ s: ScopeState) -> String {
    switch kind {
    case .steps(let target):
      return "\(label): step \(s.stepsTaken) of \(target) — Esc stops, q quits"
    case .sample(_, let total, let drawn, _):
      return "\(label): \(drawn) of \(total) characters — Esc stops, q quits"
    case .backward:
      return "\(label) over \(s.session.pass.steps.count) steps — Esc stops, q quits"
    case .fixedPoints(let search):
      return "\(label): start \(search.descents.count + 1) of \(search.starts.count)"
        + " — Esc stops (keeps the points so far), q quits"
    }
  }
}

extension ScopeState {
  /// Work that one call does synchronously: about 5·10⁷ multiply-adds (some 20–50 ms here).
  static let quickWork = 5e7

  /// Multiply-adds of one step of the model (recurrences, input projections and head).
  var multiplyAddsPerStep: Double {
    let c = config
    let G = Double(c.cell.gateCount)
    let H = Double(c.hiddenSize)
    let first = G * H * (Double(c.inputSize) + H)
    let above = G * H * 2 * H
    return first + Double(c.numLayers - 1) * above + Double(c.outputSize) * H
  }

  /// Whether `n` steps (or characters) take little enough time to do within one frame.
  func isQuick(steps n: Int) -> Bool {
    !interactive || Double(max(n, 0)) * multiplyAddsPerStep <= ScopeState.quickWork
  }

  /// Steps forward until `target` steps are taken (at most the sequence's end): at once when that
  /// is quick or no frame loop drives this state, else in slices from `tick`.
  mutating func stepForward(
    to target: Int, label: String, cursorAfter: Int? = nil, backwardAfter: Bool = false
  ) {
    let target = min(target, maxSteps)
    let n = target - stepsTaken
    if isQuick(steps: n) {
      while stepsTaken < target && stepForward() {}
      finishSteps(cursorAfter: cursorAfter, backwardAfter: backwardAfter)
      return
    }
    work = LongWork(
      kind: .steps(target: target), label: label, cursorAfter: cursorAfter,
      backwardAfter: backwardAfter)
    view.message = work!.progress(self)
  }

  private mutating func finishSteps(cursorAfter: Int?, backwardAfter: Bool) {
    if let c = cursorAfter { moveCursor(to: c) }
    guard backwardAfter && !session.pass.steps.isEmpty else { return }
    let said = message
    backward(animate: false)
    if work == nil { view.message = said }
  }

  /// Samples `length` characters: at once when quick or headless, else in slices; nil without a
  /// text model.
  mutating func startSample(length: Int, temperature: Double, prime: String, seed: UInt64)
    -> String?
  {
    guard let v = task.vocabulary else { return nil }
    var sampler = TextSampler(
      model: model, vocabulary: v, prime: prime, temperature: temperature, seed: seed)
    if isQuick(steps: length) {
      return prime + sampler.next(length)
    }
    work = LongWork(
      kind: .sample(sampler, total: length, drawn: 0, text: ""), label: "sampling", prefix: prime)
    view.message = work!.progress(self)
    return ""
  }

  /// Runs the work for up to `budget` seconds; returns whether anything changed.
  mutating func continueWork(budget: Double) -> Bool {
    guard var w = work else { return false }
    let deadline = Date().addingTimeInterval(budget)
    var finished = false
    switch w.kind {
    case .steps(let target):
      repeat {
        if stepsTaken >= target || !stepForward() {
          finished = true
        } else if w.fault == nil, let m = message, m.contains("overflowed") {
          w.fault = m
        }
      } while !finished && Date() < deadline
    case .sample(var sampler, let total, var drawn, var text):
      // Draws are counted, not Characters: two drawn characters can merge into one (CR LF).
      repeat {
        let n = min(16, total - drawn)
        text += sampler.next(n)
        drawn += n
        finished = drawn >= total
      } while !finished && Date() < deadline
      w.kind = .sample(sampler, total: total, drawn: drawn, text: text)
    case .backward(let job, _):
      // The thread works on; this frame only looks whether it is done.
      guard job.result != nil else { return false }
      finished = true
    case .fixedPoints(var search):
      // A start at least per slice: one start is the smallest piece the search has.
      repeat { search.next() } while !search.done && Date() < deadline
      finished = search.done
      w.kind = .fixedPoints(search)
    }
    work = w
    if finished { finishWork() } else { view.message = w.progress(self) }
    return true
  }

  private mutating func finishWork() {
    guard let w = work else { return }
    work = nil
    switch w.kind {
    case .steps:
      view.message = w.fault ?? "\(w.label): done, step \(stepsTaken)/\(maxSteps)"
      finishSteps(cursorAfter: w.cursorAfter, backwardAfter: w.backwardAfter)
    case .sample(_, _, _, let text):
      view.message = "sample: in the output pane ([ ] scroll, o closes)"
      view.output = OutputText(title: "sample", text: w.prefix + text)
    case .backward(let job, let animate):
      if let b = job.result { show(b, animate: animate) }
    case .fixedPoints(let search): finishFixedPoints(search)
    }
    guard work == nil else { return }  // the steps' BPTT follows
    takeDeferredModel()
    // A presentation waiting for this work goes on when the visualizer sees `work` is nil.
  }

  /// Esc: stops the work where it is (the steps taken so far stay). The tape of a model training
  /// published meanwhile follows now.
  mutating func stopWork() {
    guard let w = work else { return }
    cancelWork()
    if case .fixedPoints(let search) = w.kind {
      // The starts done are kept: their points are as good as a search of fewer starts.
      finishFixedPoints(search)
      view.message =
        "fixed points: stopped after \(search.descents.count) of "
        + "\(search.starts.count) starts; " + (view.message ?? "")
      takeDeferredModel()
      return
    }
    let said = "\(w.label) stopped at step \(stepsTaken)/\(maxSteps)"
    takeDeferredModel()
    if work == nil { view.message = said }
  }

  /// A model training published while the work ran: its tape follows now (see `refreshTape`).
  private mutating func takeDeferredModel() {
    if training.tapeIsStale { refreshTape() }
  }

  /// Drops the work under way; a BPTT thread is cancelled and waited for (it stops within a step).
  mutating func cancelWork() {
    if case .backward(let job, _)? = work?.kind { job.cancelAndWait() }
    work = nil
  }

  /// The search's points kept and its report in the output pane.
  private mutating func finishFixedPoints(_ search: FixedPointSearch) {
    let text = keep(search)
    view.output = OutputText(title: "fixed", text: text)
    let n = fixedPoints?.report.points.count ?? 0
    // Training moves the weights every 0.2 s: the points go stale at once.
    view.message =
      "fixed: \(n) point\(n == 1 ? "" : "s"), in the output pane and the trajectory panel"
      + (isTraining ? " (stale as training goes on: t stops it)" : "")
  }
}
