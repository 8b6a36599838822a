import CLapackShim
import Foundation

extension BatchBPTT {
  /// Forward (and backward, when the kernel has gradients) over the whole batch: the recurrences on
  /// this thread, step by step; the products over ranges of steps as tasks, each waiting for the
  /// steps it reads.
  /// With `blasPinned` the caller has pinned BLAS's threads (one per half of a split batch) and
  /// nothing here changes them.
  static func schedule(
    _ kern: BatchKernel, ranges plan: Ranges?, helper: Bool, blasPinned: Bool = false,
    workspace ws: BatchWorkspace, cancel: Cancellation?
  ) {
    let T = kern.T
    let L = kern.L
    let B = kern.B
    let GH = kern.GH
    let H = kern.H
    let backward = kern.g != nil
    let forward = StepRanges(plan?.forward ?? [T])
    let heads = StepRanges(plan?.head ?? [T])
    let backs = StepRanges(plan?.backward ?? [T])
    // Milestones the recurrence publishes: layer k forward through step t, then layer k backward
    // down to t.
    func forwardDone(_ k: Int, _ t1: Int) -> Int { k * T + t1 }
    func backwardDone(_ k: Int, _ t0: Int) -> Int { L * T + (L - 1 - k) * T + (T - t0) }
    // BLAS threads. Beside a second thread every product stays on its own thread. On one thread,
    // the products over every step are large enough to share between two from about 16 M
    // multiply-adds; a step's own product only when it is that large by itself (a batch).
    let wide: Int32
    let step: Int32
    if plan != nil {
      wide = 1
      step = 1
    } else {
      wide = T * B * GH * max(H, kern.I0) >= 1 << 24 ? 2 : 1
      step = stepProductIsSmall(kern.config, batch: B) ? 1 : 2
    }
    func pin(_ n: Int32) { if !blasPinned { rs_blas_pin_threads(n) } }
    defer { pin(0) }

    // The tasks: each range's products, with the milestone each waits for and the tasks it follows.
    var tasks: [TaskPipeline.Task] = []
    func add(after: Int, needs: [Int] = [], _ work: @escaping () -> Void) -> Int {
      // Once cancelled, what is left is skipped: the pipeline still marks each task done.
      tasks.append(
        .init(
          after: after, needs: needs,
          work: cancel == nil ? work : { if !cancel!.isCancelled { work() } }))
      return tasks.count - 1
    }
    var projection = [[Int]](repeating: [], count: L)
    var head: [Int] = []
    var inputGradient = [[Int]](repeating: [], count: L)
    for k in 0..<L {
      for r in 0..<forward.count {
        let (t0, t1) = forward[r]
        // Layer 0's first two ranges are for this thread, before its first steps (the second thread
        // would start them cold): the helper starts with the third.
        let after = k > 0 ? forwardDone(k - 1, t1) : (r < 2 ? 1 : 0)
        projection[k].append(add(after: after) { kern.projection(k, t0, t1) })
      }
    }
    var headGradient: Int?
    for r in 0..<heads.count {
      let (t0, t1) = heads[r]
      head.append(add(after: forwardDone(L - 1, t1)) { kern.head(t0, t1) })
      if backward {
        headGradient = add(
          after: forwardDone(L - 1, t1), needs: [head[r]] + (headGradient.map { [$0] } ?? [])
        ) {
          kern.headGradient(t0, t1)
        }
      }
    }
    if backward {
      var embedding: Int?
      for k in stride(from: L - 1, through: 0, by: -1) {
        // Beside a second thread, each weight gradient in two halves of its gate rows: four chains
        // of tasks, so that both threads can share what is left when the recurrence ends.
        let halves = plan != nil ? [0..<(GH / 2), (GH / 2)..<GH] : [0..<GH]
        var recurrent = [Int?](repeating: nil, count: halves.count)
        var input = recurrent
        inputGradient[k] = [Int](repeating: -1, count: backs.count)
        for r in stride(from: backs.count - 1, through: 0, by: -1) {
          let (t0, t1) = backs[r]
          let after = backwardDone(k, t0)
          for (h, rows) in halves.enumerated() {
            recurrent[h] = add(after: after, needs: recurrent[h].map { [$0] } ?? []) {
              kern.recurrentGradient(k, t0, t1, rows: rows)
            }
            input[h] = add(after: after, needs: input[h].map { [$0] } ?? []) {
              kern.inputWeightGradient(k, t0, t1, rows: rows)
            }
          }
          if k > 0 {
            inputGradient[k][r] = add(after: after) { kern.inputGradient(k, t0, t1) }
          } else if kern.p.embedding != nil {
            embedding = add(after: after, needs: embedding.map { [$0] } ?? []) {
              kern.inputGradient(0, t0, t1)
            }
          }
        }
      }
    }

    ws.pipeline.run(tasks, useHelper: helper && plan != nil) { control in
      for k in 0..<L {
        kern.resetState(k)
        for t in 0..<T {
          if cancel?.isCancelled == true { return }
          if forward.starts(t) {
            pin(wide)
            control.ensure(projection[k][forward.of[t]])
            pin(step)
          }
          kern.forwardStep(k, t)
          control.publish(forwardDone(k, t + 1))
        }
      }
      guard backward else {
        pin(wide)
        return
      }
      for k in stride(from: L - 1, through: 0, by: -1) {
        kern.resetCarries()
        for t in stride(from: T - 1, through: 0, by: -1) {
          if cancel?.isCancelled == true { return }
          // ∂L/∂h of these steps: from the head, or from the layer above.
          if k == L - 1 && heads.ends(t) {
            pin(wide)
            control.ensure(head[heads.of[t]])
            pin(step)
          }
          if k < L - 1 && backs.ends(t) {
            pin(wide)
            control.ensure(inputGradient[k + 1][backs.of[t]])
            pin(step)
          }
          kern.backwardStep(k, t)
          if k == L - 1 && backs.starts(t) {
            let (t0, t1) = backs[backs.of[t]]
            kern.addTopGradNorms(t0, t1)
          }
          control.publish(backwardDone(k, t))
        }
        kern.addBiasGradients(k)
      }
      pin(wide)  // for the tasks left, run by this thread after the loop
    }
  }
}
