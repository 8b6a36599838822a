import RNNCore

/// The steps taken, replayed with a model training published, on a thread of its own: the UI thread
/// only starts it and takes the finished tape (`ScopeState.landReplay`), so a model published every
/// fifth of a second costs the screen no replay of a long tape. Cancellable between steps.
final class ReplayJob: @unchecked Sendable {
  /// What the replay made: the new tape, BPTT over it when the old tape had one, and the first step
  /// whose numbers overflowed, worded as the status line says it.
  struct Result: Sendable {
    let pass: ForwardPass
    let bptt: BPTTResult?
    let fault: String?
  }

  let model: Model
  /// The session's revision the replay began from: the result fits only that tape.
  let revision: Int
  private let job: BackgroundJob<Result>

  /// Replays the steps `session` has taken with `model` (as `SessionState.step` takes them, the
  /// padded ones padded), then BPTT over them if `withGradients`.
  init(model: Model, session: SessionState, withGradients: Bool, revision: Int) {
    self.model = model
    self.revision = revision
    var start = ForwardPass(model: model, loss: session.task.loss)
    start.window = session.pass.window
    let pass = start
    let steps = session.pass.stepCount
    job = BackgroundJob { cancel in
      var p = pass
      var fault: String?
      for t in 0..<steps {
        if cancel.isCancelled { break }
        let r = session.step(t, on: &p)
        if fault == nil, let f = ScopeState.nonFinite(r) { fault = ScopeState.overflow(step: t, f) }
      }
      let b =
        withGradients && !cancel.isCancelled && !p.steps.isEmpty
        ? backpropagate(p, cancel: cancel) : nil
      return Result(pass: p, bptt: b, fault: fault)
    }
  }

  /// The replay, once finished.
  var result: Result? { job.result }

  func cancelAndWait() { job.cancelAndWait() }
}
