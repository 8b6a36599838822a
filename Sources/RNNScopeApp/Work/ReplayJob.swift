import Foundation
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
  private let lock = NSLock()
  private var finished: Result?
  private let ended = DispatchSemaphore(value: 0)
  private let cancellation = Cancellation()

  /// Replays the steps `session` has taken with `model` (the padded ones padded again, as
  /// `ScopeState.replay` does), then BPTT over them if `withGradients`.
  init(model: Model, session: SessionState, withGradients: Bool, revision: Int) {
    self.model = model
    self.revision = revision
    let cancel = cancellation
    var start = ForwardPass(model: model, loss: session.task.loss)
    start.window = session.pass.window
    let pass = start
    let steps = session.pass.stepCount
    let example = session.example
    let padded = session.padded
    let thread = Thread { [self] in
      var p = pass
      var fault: String?
      for t in 0..<steps {
        if cancel.isCancelled { break }
        let r = p.step(
          example.inputs[t], target: example.targets[t], active: !padded.contains(t))
        if fault == nil, let f = ScopeState.nonFinite(r) { fault = ScopeState.overflow(step: t, f) }
      }
      let b =
        withGradients && !cancel.isCancelled && !p.steps.isEmpty
        ? backpropagate(p, cancel: cancel) : nil
      lock.withLock {
        finished = cancel.isCancelled ? nil : Result(pass: p, bptt: b, fault: fault)
      }
      ended.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The replay, once finished.
  var result: Result? { lock.withLock { finished } }

  func cancelAndWait() {
    cancellation.cancel()
    ended.wait()
    ended.signal()
  }
}
