import Foundation
import Testing

@testable import RNNCore

/// The pipeline's tasks run once each, whichever thread takes them: the calling thread, its helper,
/// or another thread that joins the run (a split batch's half that finished first).
@Suite struct TaskPipelineTests {
  /// Which thread ran each task, and how often.
  final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [Int: Int] = [:]
    private var elsewhere = 0
    let owner = pthread_self()

    func ran(_ task: Int) {
      lock.withLock {
        runs[task, default: 0] += 1
        if pthread_equal(pthread_self(), owner) == 0 { elsewhere += 1 }
      }
    }
    var counts: [Int: Int] { lock.withLock { runs } }
    var byOtherThreads: Int { lock.withLock { elsewhere } }
  }

  @Test func anotherThreadJoinsTheRunUnderWay() {
    let pipeline = TaskPipeline()
    pipeline.join()  // no run under way: returns at once
    let log = Log()
    let tasks = (0..<8).map { i in TaskPipeline.Task(after: 1, needs: []) { log.ran(i) } }
    let deadline = Date().addingTimeInterval(10)
    let joiner = Thread {
      // A join before the run opens returns at once: try again until a task has run here.
      while log.byOtherThreads == 0 && Date() < deadline { pipeline.join() }
    }
    joiner.start()
    pipeline.run(tasks, useHelper: false) { control in
      control.publish(1)
      // This thread takes no task until the joiner has taken one (or 10 s have passed).
      while log.byOtherThreads == 0 && Date() < deadline { sched_yield() }
    }
    #expect(log.counts == Dictionary(uniqueKeysWithValues: (0..<8).map { ($0, 1) }))
    #expect(log.byOtherThreads >= 1)
    pipeline.join()  // the run is over: returns at once
  }
}
