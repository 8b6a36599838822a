import Foundation
import RNNCore

/// Work on a thread of its own that the UI thread starts, looks at (`result`) and may cancel: the
/// work is handed the cancellation and checks it between its steps; a cancelled job has no result.
/// `BackwardJob` and `ReplayJob` are two of these.
final class BackgroundJob<Output: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var finished: Output?
  private let ended = DispatchSemaphore(value: 0)
  private let cancellation = Cancellation()

  init(_ work: @escaping @Sendable (Cancellation) -> Output) {
    let cancel = cancellation
    let thread = Thread { [self] in
      let output = work(cancel)
      lock.withLock { finished = cancel.isCancelled ? nil : output }
      ended.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The work's output, once it has finished (nil before, and for ever if cancelled).
  var result: Output? { lock.withLock { finished } }

  /// Cancels the work and waits for its thread to end (it stops within a step).
  func cancelAndWait() {
    cancellation.cancel()
    ended.wait()
    ended.signal()
  }
}
