import Foundation
import RNNCore

/// BPTT over a copy of the tape on a thread of its own, cancellable between steps.
public final class BackwardJob: @unchecked Sendable {
  private let lock = NSLock()
  private var finished: BPTTResult?
  private let ended = DispatchSemaphore(value: 0)
  private let cancellation = Cancellation()

  init(pass: ForwardPass, mode: BPTTMode) {
    let cancel = cancellation
    let thread = Thread { [self] in
      let b = backpropagate(pass, mode: mode, cancel: cancel)
      lock.withLock { finished = cancel.isCancelled ? nil : b }
      ended.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  var result: BPTTResult? { lock.withLock { finished } }

  func cancelAndWait() {
    cancellation.cancel()
    ended.wait()
    ended.signal()
  }
}
