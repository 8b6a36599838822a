import CLapackShim
import Foundation
import Synchronization

/// Two threads sharing one list of tasks beside a main loop: the calling thread runs its own loop
/// (a recurrence, step after step) and publishes how far it has got as a milestone number; a helper
/// thread works through the tasks in order, each as soon as the milestone it waits for is reached
/// (a product over the steps already computed). When the main loop needs a task's result it
/// `ensure`s it: runs it itself if the helper has not taken it, else waits for it; when the loop
/// ends, both threads share what is left. Another thread may `join` a run under way and take tasks
/// as the helper does (a split batch's half that finished first). Each task runs exactly once,
/// after the tasks it `needs`, so results never depend on which thread ran what — only on how the
/// work was cut into tasks. Without a helper (one core, or RNNSCOPE_BLAS_THREADS=1) the main thread
/// runs every task itself, or with a thread that joins.
///
/// The helper thread starts on first use and lives as long as the pipeline. Between runs it polls
/// for the next one for a moment (training calls run after run), then sleeps until woken.
final class TaskPipeline: @unchecked Sendable {
  struct Task {
    /// The milestone the main loop must have published before the helper may start this task.
    var after: Int
    /// Tasks (given before this one, with milestones no later) that must have finished first.
    var needs: [Int]
    var work: () -> Void
  }

  private let shared = Shared()
  private var helper: Thread?

  /// Whether this machine lets the engine run a second thread (two cores and no cap of one thread).
  static let helperAvailable =
    ProcessInfo.processInfo.activeProcessorCount >= 2 && rs_thread_cap() >= 2

  init() {}
  deinit { shared.stop() }

  /// Runs `tasks` beside `main`, and returns when `main` has returned and every task has run. The
  /// helper takes the tasks in the order of their milestones (in the given order where those are
  /// equal). `Control.ensure` takes a task's index in `tasks`.
  func run(_ given: [Task], useHelper: Bool, main: (Control) -> Void) {
    let order = given.indices.sorted { (given[$0].after, $0) < (given[$1].after, $1) }
    var position = [Int](repeating: 0, count: given.count)
    for (i, g) in order.enumerated() { position[g] = i }
    let tasks = order.map { g in
      var t = given[g]
      precondition(
        t.needs.allSatisfy { $0 < g && given[$0].after <= t.after },
        "a task can only need tasks before it")
      t.needs = t.needs.map { position[$0] }
      return t
    }
    shared.prepare(tasks, position: position)
    let helping = useHelper && Self.helperAvailable
    if helping {
      if helper == nil {
        let s = shared
        let thread = Thread { s.helperLoop() }
        thread.stackSize = 4 << 20
        thread.start()
        helper = thread
      }
      shared.post()
    }
    shared.open()
    main(Control(shared: shared))
    shared.progress.store(Int.max, ordering: .releasing)
    shared.finish()
    if helping { shared.waitForPass() }
    shared.close()
    shared.prepare([], position: [])
  }

  /// From a thread other than the one in `run` (and not the helper; from `run`'s own thread it
  /// would wait for milestones that thread has yet to publish): take part in the run under way,
  /// if any, as the helper does — each task not yet taken, once the milestone it waits for is
  /// reached — and return when every task is taken. Returns at once when no run is under way;
  /// the run waits for it before it returns. A split batch's halves lend their threads to each
  /// other this way when one finishes first.
  func join() { shared.join() }

  /// What the main loop uses: publish its progress, and make sure a task has run.
  struct Control {
    fileprivate let shared: Shared
    func publish(_ milestone: Int) { shared.progress.store(milestone, ordering: .releasing) }
    func ensure(_ task: Int) { shared.ensure(shared.position[task]) }
  }

  fileprivate final class Shared: @unchecked Sendable {
    let progress = Atomic<Int>(0)
    // Runs posted, and the last one the helper has finished its pass of; whether it sleeps on
    // `wake`.
    private let posted = Atomic<Int>(0)
    private let passed = Atomic<Int>(0)
    private let sleeping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    // Per task: 0 waiting, 1 running, 2 done.
    private var states = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: 1)
    private var capacity = 0
    private var tasks: [Task] = []
    private(set) var position: [Int] = []  // a task's place in `tasks`, by its index as given

    deinit {
      for i in 0..<capacity { (states + i).deinitialize(count: 1) }
      states.deallocate()
    }

    func prepare(_ list: [Task], position: [Int]) {
      if list.count > capacity {
        for i in 0..<capacity { (states + i).deinitialize(count: 1) }
        states.deallocate()
        states = .allocate(capacity: list.count)
        for i in 0..<list.count { (states + i).initialize(to: Atomic(0)) }
        capacity = list.count
      }
      for i in 0..<list.count { states[i].store(0, ordering: .relaxed) }
      progress.store(0, ordering: .releasing)
      tasks = list
      self.position = position
    }

    private func claim(_ i: Int) -> Bool {
      states[i].compareExchange(expected: 0, desired: 1, ordering: .acquiringAndReleasing).exchanged
    }

    private func isDone(_ i: Int) -> Bool { states[i].load(ordering: .acquiring) == 2 }

    private func waitDone(_ i: Int) {
      while !isDone(i) { sched_yield() }
    }

    private func execute(_ i: Int) {
      tasks[i].work()
      states[i].store(2, ordering: .releasing)
    }

    // The main thread: run task i now if nobody has (its needs first), else wait for it.
    func ensure(_ i: Int) {
      if claim(i) {
        for n in tasks[i].needs { ensure(n) }
        execute(i)
      } else {
        waitDone(i)
      }
    }

    // The main thread at the end: run every task nobody has taken whose needs have finished, while
    // the helper (or a thread that joined) runs others; then wait for their last ones.
    func finish() {
      var open = 0  // the tasks before it are taken
      while open < tasks.count {
        var ran = false
        for i in open..<tasks.count where states[i].load(ordering: .acquiring) == 0 {
          if tasks[i].needs.allSatisfy(isDone) && claim(i) {
            execute(i)
            ran = true
          }
        }
        while open < tasks.count && states[open].load(ordering: .acquiring) != 0 { open += 1 }
        if !ran && open < tasks.count { sched_yield() }
      }
      for i in tasks.indices { waitDone(i) }
    }

    // Main: hand the helper the prepared run (waking it if it sleeps).
    func post() {
      posted.add(1, ordering: .sequentiallyConsistent)
      if sleeping.compareExchange(expected: true, desired: false, ordering: .sequentiallyConsistent)
        .exchanged
      {
        wake.signal()
      }
    }

    // Main: wait until the helper has finished its pass over the run (it has no task left by then).
    func waitForPass() {
      let run = posted.load(ordering: .acquiring)
      while passed.load(ordering: .acquiring) != run { sched_yield() }
    }

    // Threads that may join the run under way (`join`): whether one is, and how many are in it.
    private let accepting = Atomic<Bool>(false)
    private let joiners = Atomic<Int>(0)

    func open() { accepting.store(true, ordering: .sequentiallyConsistent) }

    // Main, with every task done: let no other thread in, and wait for those in to leave.
    func close() {
      accepting.store(false, ordering: .sequentiallyConsistent)
      while joiners.load(ordering: .sequentiallyConsistent) != 0 { sched_yield() }
    }

    // Another thread: one pass over the run's tasks, as the helper makes (`close` waits for it).
    func join() {
      joiners.add(1, ordering: .sequentiallyConsistent)
      defer { joiners.subtract(1, ordering: .sequentiallyConsistent) }
      guard accepting.load(ordering: .sequentiallyConsistent) else { return }
      pass()
    }

    // Each task nobody has taken, in order, once its milestone is reached (its needs, earlier in
    // the list, already taken by someone).
    private func pass() {
      for i in tasks.indices {
        while progress.load(ordering: .acquiring) < tasks[i].after { sched_yield() }
        guard claim(i) else { continue }
        for n in tasks[i].needs { waitDone(n) }
        execute(i)
      }
    }

    func stop() {
      stopping.store(true, ordering: .sequentiallyConsistent)
      post()
    }

    // The helper: wait for a run (polling for up to 2 ms, then asleep), make one pass over its
    // list taking each task the main thread has not taken, say so, and wait for the next. The
    // 2 ms outlast what a training step does between its batches (the next batch, ‖∇θ‖, the
    // optimizer: 0.2-0.3 ms at lecture scale), so that the helper is awake for the next one.
    func helperLoop() {
      var seen = 0
      while true {
        let since = ContinuousClock.now
        while posted.load(ordering: .acquiring) == seen {
          if ContinuousClock.now - since < .milliseconds(2) {
            sched_yield()
            continue
          }
          sleeping.store(true, ordering: .sequentiallyConsistent)
          if posted.load(ordering: .sequentiallyConsistent) != seen
            && sleeping.compareExchange(
              expected: true, desired: false, ordering: .sequentiallyConsistent
            ).exchanged
          {
            break  // a run came in before sleeping: no signal will come
          }
          wake.wait()
        }
        seen = posted.load(ordering: .acquiring)
        if stopping.load(ordering: .acquiring) { return }
        pass()
        passed.store(seen, ordering: .releasing)
      }
    }
  }
}
