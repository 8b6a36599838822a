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

  /// Run after run, with the helper and a third thread joining whenever it can (as a split
  /// batch's halves do), and the main thread ensuring some tasks itself: every task runs exactly
  /// once, and only after the tasks it needs have finished.
  @Test func manyRunsWithAJoinerRunEachTaskOnceAfterItsNeeds() {
    let pipeline = TaskPipeline()
    final class Shared: @unchecked Sendable {
      let lock = NSLock()
      var runs: [Int] = []
      var done: [Bool] = []
      var early = 0  // tasks that started before a task they need had finished
      var byJoiner = 0
      var joinerThread: pthread_t? = nil
      var stop = false
      func reset(_ n: Int) {
        lock.withLock {
          runs = [Int](repeating: 0, count: n)
          done = [Bool](repeating: false, count: n)
        }
      }
    }
    let s = Shared()
    let joiner = Thread {
      s.lock.withLock { s.joinerThread = pthread_self() }
      while !s.lock.withLock({ s.stop }) { pipeline.join() }
    }
    joiner.start()
    defer { s.lock.withLock { s.stop = true } }
    let n = 12
    var failures = 0
    for run in 0..<300 {
      s.reset(n)
      let tasks = (0..<n).map { i in
        let needs = i >= 3 ? [i - 3] : []
        return TaskPipeline.Task(after: i / 3 + 1, needs: needs) {
          s.lock.withLock {
            if needs.contains(where: { !s.done[$0] }) { s.early += 1 }
            if let j = s.joinerThread, pthread_equal(j, pthread_self()) != 0 { s.byJoiner += 1 }
            s.runs[i] += 1
          }
          for _ in 0..<(run % 7) * 50 { sched_yield() }  // tasks of different lengths
          s.lock.withLock { s.done[i] = true }
        }
      }
      pipeline.run(tasks, useHelper: true) { control in
        for m in 1...4 {
          control.publish(m)
          if run % 3 == 0 { control.ensure(3 * m - 1) }
        }
      }
      s.lock.withLock {
        if s.runs != [Int](repeating: 1, count: n) || !s.done.allSatisfy({ $0 }) { failures += 1 }
      }
    }
    #expect(failures == 0)
    #expect(s.lock.withLock { s.early } == 0)
    #expect(s.lock.withLock { s.byJoiner } > 0, "the joiner took part")
  }
}
