import Foundation
import Testing

@testable import RNNCore

/// A training step can be cancelled from another thread: inside the batch kernel between its steps, with
/// the model, the step count and the data stream left as if the step had never begun.
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

  @Test func aLongStepStopsWhenCancelledFromAnotherThread() async throws {
    // 5,000 steps of an LSTM of 256 units over a batch of 8: many seconds of work for one step.
    let t = try Self.trainer(length: 5000, hidden: 256, batch: 8)
    let cancel = Cancellation()
    let outcome = Task.detached { () -> String in
      var local = t
      do {
        _ = try local.trainStep(cancel: cancel)
        return "finished"
      } catch is Cancelled {
        return local.step == 0 && local.model == t.model ? "cancelled" : "cancelled, but changed"
      } catch {
        return "\(error)"
      }
    }
    try await Task.sleep(for: .milliseconds(300))
    cancel.cancel()
    #expect(await outcome.value == "cancelled")
  }
}
