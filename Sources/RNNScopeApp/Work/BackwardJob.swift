import RNNCore

/// BPTT over a copy of the tape on a thread of its own, cancellable between steps.
public final class BackwardJob: @unchecked Sendable {
  private let job: BackgroundJob<BPTTResult>

  init(pass: ForwardPass, mode: BPTTMode) {
    job = BackgroundJob { cancel in backpropagate(pass, mode: mode, cancel: cancel) }
  }

  var result: BPTTResult? { job.result }

  func cancelAndWait() { job.cancelAndWait() }
}
