import Foundation
import Testing

@testable import RNNCore

/// A training step can be cancelled from another thread: inside the batch kernel between its steps,
/// with the model, the step count and the data stream left as if the step had never begun.
struct CancellationTests {
  static func trainer(length: Int, hidden: Int, batch: Int) throws -> Trainer {
    var c = TrainConfig()
    c.cell = .lstm
    c.hidden = hidden
    c.batch = batch
    c.clipNorm = 1
    return Trainer(task: try SequenceTask(kind: .adding, length: length), config: c)
  }

  @Test func aCancelledStepChangesNothingAndTheNextIsTheOneThatWouldHaveRun() throws {
    var t = try Self.trainer(length: 20, hidden: 6, batch: 4)
    let untouched = t
    let cancel = Cancellation()
    cancel.cancel()
    #expect(throws: Cancelled.self) { try t.trainStep(cancel: cancel) }
    #expect(t.model == untouched.model && t.step == 0)
    var fresh = untouched
    let a = try t.trainStep()
    let b = try fresh.trainStep()
    #expect(a.loss == b.loss && t.model == fresh.model, "the cancelled step drew no batch")
  }

  @Test func aLongStepStopsWhenCancelledFromAnotherThread() throws {
    // 5,000 steps of an LSTM of 256 units over a batch of 8: many seconds of work for one step. On
    // a thread of its own, not the test pool's, so other tests cannot keep it from starting.
    let t = try Self.trainer(length: 5000, hidden: 256, batch: 8)
    let cancel = Cancellation()
    let done = DispatchSemaphore(value: 0)
    let outcome = Outcome()
    let thread = Thread {
      var local = t
      do {
        _ = try local.trainStep(cancel: cancel)
        outcome.set("finished")
      } catch is Cancelled {
        outcome.set(
          local.step == 0 && local.model == t.model ? "cancelled" : "cancelled, but changed")
      } catch {
        outcome.set("\(error)")
      }
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    usleep(300_000)
    cancel.cancel()
    #expect(done.wait(timeout: .now() + 120) == .success, "the step ended")
    #expect(outcome.value == "cancelled")
  }

  /// What the step's thread saw, read once it has ended.
  final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func set(_ t: String) { lock.withLock { text = t } }
    var value: String { lock.withLock { text } }
  }
}
