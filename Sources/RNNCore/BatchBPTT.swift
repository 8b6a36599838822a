import CLapackShim
import Foundation
import Synchronization

/// Scratch memory for `BatchBPTT`, kept from call to call and grown when a batch needs more. Not to be
/// shared between threads: each training loop owns one.
public final class BatchWorkspace: @unchecked Sendable {
  private var buffers: [UnsafeMutablePointer<Double>] = []
  private var sizes: [Int] = []

  /// The second thread that runs a batch's products over steps beside its recurrence (started on first use).
  lazy var pipeline = TaskPipeline()

  public init() {}
  deinit { for b in buffers { b.deallocate() } }

  /// Buffer `slot`, with room for `count` values (its contents are whatever the last call left).
  func buffer(_ slot: Int, _ count: Int) -> UnsafeMutablePointer<Double> {
    while buffers.count <= slot {
      buffers.append(.allocate(capacity: 1))
      sizes.append(1)
    }
    if sizes[slot] < count {
      buffers[slot].deallocate()
      buffers[slot] = .allocate(capacity: count)
      sizes[slot] = count
    }
    return buffers[slot]
  }
}

/// A `BatchWorkspace` kept from call to call by an owner that may be copied (a `Trainer`): whoever finds it
/// in use — a copy on another thread — works in a fresh one instead.
final class WorkspaceSlot: @unchecked Sendable {
  private let busy = Atomic<Bool>(false)
  private let workspace = BatchWorkspace()

  func with<R>(_ body: (BatchWorkspace) throws -> R) rethrows -> R {
    guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    else {
      return try body(BatchWorkspace())
    }
    defer { busy.store(false, ordering: .releasing) }
    return try body(workspace)
  }
}

/// What `BatchBPTT.run` measured over a batch.
public struct BatchResult: Sendable {
  /// Σ L_t over every sequence and step with a target, and how many targets there were.
  public var lossSum = 0.0
  public var targetCount = 0
  /// o_t of every step, time-major (row t·B + b, `outputSize` values each); empty unless asked for.
  public var outputs: [Double] = []
  /// Σ over the batch of ‖∂L/∂h_t‖ of the top layer, t = 0…T−1 (empty without a backward pass).
  public var topGradNormSums: [Double] = []
}

/// Forward and full BPTT over a batch of sequences of one length, as matrices: the batch is time-major (row
/// t·B + b); each layer's input projection over a range of steps is one GEMM, each step's recurrence one GEMM
/// over the batch (a GEMV for one sequence), and each weight gradient one GEMM over a range of steps — the way
/// cuDNN and PyTorch organise it. For small batches the steps are cut into ranges and a second thread runs the
/// products of the ranges the recurrence has finished while it goes on (`TaskPipeline`). The cell equations
/// are those of `RNNCell`, `LSTMCell` and `GRUCell` (PyTorch's), from a zero initial state, every step active;
/// the tape-keeping `ForwardPass` + `backpropagate` compute the same numbers (checked in the tests) for the
/// views, masks, nudges and truncated BPTT.
public enum BatchBPTT {
  /// The workspace one sequence of `steps` steps needs, in bytes (a batch of B needs B times this).
  public static func bytesPerSequence(_ c: ModelConfig, steps: Int) -> Double {
    BatchKernel.bytesPerSequence(c, steps: steps)
  }

  /// How `run` cuts a sequence's steps into ranges for products beside the recurrence: the sizes of the
  /// ranges, in step order, of the input projections, of the head (and ∂L/∂o, ∂L/∂h_top), and of the weight
  /// gradients and ∂L/∂x (each list adds up to the steps).
  struct Ranges: Equatable {
    var forward: [Int], head: [Int], backward: [Int]

    /// Every kind of product over ranges of `size` steps (the last one shorter).
    static func uniform(steps T: Int, size: Int) -> Ranges {
      let sizes = stride(from: 0, to: T, by: size).map { min(size, T - $0) }
      return Ranges(forward: sizes, head: sizes, backward: sizes)
    }
  }

  /// The ranges for a batch of `steps` steps, or nil to run it as one range on one thread: ranges only
  /// where a step's own product is a single-threaded GEMV or small GEMM (B·G·H < 4 M) and the products over
  /// steps are worth a second thread (≥ 2 M multiply-adds). Larger products run faster (up to about 16–32
  /// rows), but the recurrence waits at the start for the first projection, before its first step back for
  /// the last step's head, and at the end for the last weight gradients: so the projections' ranges grow
  /// from 2 steps (the first two ranges are the recurrence's own) as Fibonacci numbers (the second thread projects
  /// a step about 1.6 to 2 times faster than the recurrence takes one), the head's shrink to 4 at the last
  /// step, and the weight gradients' are 4 steps at both ends, up to 16 between (measured here: shorter ones
  /// at step 0, where the backward pass ends, cost more than they save).
  static func ranges(_ c: ModelConfig, steps T: Int, batch B: Int) -> Ranges? {
    guard B * c.gateRows * c.hiddenSize < 1 << 22, T >= 16,
      T * B * c.gateRows * (c.inputSize + c.hiddenSize) >= 1 << 21
    else { return nil }
    // Sizes from `first` at step 0 and from `last` at step T (0: none from that end), each doubling up to
    // `cap`, until they meet.
    func ranges(first: Int, last: Int, cap: Int) -> [Int] {
      var front: [Int] = []
      var back: [Int] = []
      var left = T
      var a = first
      var b = last
      while left > 0 {
        if a > 0 {
          let n = min(a, left)
          front.append(n)
          left -= n
          a = min(2 * a, cap)
        }
        if b > 0 && left > 0 {
          let n = min(b, left)
          back.append(n)
          left -= n
          b = min(2 * b, cap)
        }
      }
      return front + back.reversed()
    }
    var forward: [Int] = []
    var left = T
    var (a, b) = (2, 3)
    while left > 0 {
      let n = min(a, left)
      forward.append(n)
      left -= n
      (a, b) = (b, min(a + b, 32))
    }
    return Ranges(
      forward: forward, head: ranges(first: 0, last: 4, cap: 32),
      backward: ranges(first: 4, last: 4, cap: 16))
  }

  /// Runs `batch` (every example of the same length) forward and, when `grads` is given, backward, adding
  /// ∂(Σ L_t)/∂θ into `grads`. `keepOutputs` copies every o_t into the result. When `cancel` is requested,
  /// the recurrence stops at its next step and the products not yet run are skipped: the result and
  /// `grads` are then meaningless, and the caller (who asked) drops them.
  public static func run(
    model: Model, loss lossKind: LossKind, batch: [Example], grads: inout ModelParameters?,
    workspace ws: BatchWorkspace, keepOutputs: Bool = false, cancel: Cancellation? = nil
  ) -> BatchResult {
    let steps = batch.first?.inputs.count ?? 0
    return run(
      model: model, loss: lossKind, batch: batch, grads: &grads, workspace: ws,
      keepOutputs: keepOutputs,
      ranges: ranges(model.config, steps: steps, batch: batch.count), helper: true, cancel: cancel)
  }

  /// `run` with the ranges chosen by the caller (nil: one range) and the second thread allowed or not.
  static func run(
    model: Model, loss lossKind: LossKind, batch: [Example], grads: inout ModelParameters?,
    workspace ws: BatchWorkspace, keepOutputs: Bool, ranges: Ranges?, helper: Bool,
    cancel: Cancellation? = nil
  ) -> BatchResult {
    var result = BatchResult()
    guard let first = batch.first else { return result }
    let T = first.inputs.count
    let B = batch.count
    precondition(
      batch.allSatisfy { $0.inputs.count == T && $0.targets.count == T },
      "a batch needs sequences of one length")
    guard T > 0 else { return result }
    if let r = ranges {
      precondition(
        [r.forward, r.head, r.backward].allSatisfy {
          $0.reduce(0, +) == T && $0.allSatisfy { $0 > 0 }
        },
        "ranges must cover the steps")
    }
    let c = model.config
    let p = model.parameters
    // The kernel reads and writes through raw pointers: every index and size is checked here, once.
    var tokens = [Int](repeating: -1, count: T * B)
    var allTokens = true
    for t in 0..<T {
      for b in 0..<B {
        switch batch[b].inputs[t] {
        case .token(let k):
          precondition(
            k >= 0 && k < c.tokenCount, "token \(k) is outside the model's \(c.tokenCount)")
          tokens[t * B + b] = k
        case .vector(let v):
          precondition(
            v.count == c.inputSize,
            "an input of \(v.count) values for a model reading \(c.inputSize)")
          allTokens = false
        }
        switch batch[b].targets[t] {
        case .index(let y)?:
          precondition(
            y >= 0 && y < c.outputSize, "target class \(y) is outside the model's \(c.outputSize)")
        case .vector(let y)?:
          precondition(
            y.count == c.outputSize, "a target of \(y.count) values for \(c.outputSize) outputs")
        case nil: break
        }
        if batch[b].targets[t] != nil { result.targetCount += 1 }
      }
    }
    let oneHot = allTokens && p.embedding == nil
    let arrays = p.tensorArrays
    precondition(arrays.allSatisfy { !$0.isEmpty }, "a model with an empty tensor")
    // Every pointer the kernel holds is valid inside these closures, where it runs.
    func runKernel(_ g: BatchKernel.Tensors<UnsafeMutablePointer<Double>>?) {
      withReadPointers(arrays) { pointers in
        let kern = BatchKernel(
          config: c, loss: lossKind, batch: batch, tokens: tokens, oneHot: oneHot,
          parameters: .init(pointers, layers: c.numLayers, embedding: p.embedding != nil),
          gradients: g, workspace: ws)
        kern.loadInputs()
        schedule(kern, ranges: ranges, helper: helper, workspace: ws, cancel: cancel)
        for r in 0..<(T * B) { result.lossSum += kern.rowLoss[r] }
        if keepOutputs {
          result.outputs = Array(UnsafeBufferPointer(start: kern.out, count: T * B * c.outputSize))
        }
        result.topGradNormSums = kern.topGradNormSums
      }
    }
    if grads != nil {
      grads!.withTensorPointers {
        runKernel(.init($0, layers: c.numLayers, embedding: p.embedding != nil))
      }
    } else {
      runKernel(nil)
    }
    return result
  }

  /// Forward (and backward, when the kernel has gradients) over the whole batch: the recurrences on this
  /// thread, step by step; the products over ranges of steps as tasks, each waiting for the steps it reads.
  private static func schedule(
    _ kern: BatchKernel, ranges plan: Ranges?, helper: Bool, workspace ws: BatchWorkspace,
    cancel: Cancellation?
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
    // Milestones the recurrence publishes: layer k forward through step t, then layer k backward down to t.
    func forwardDone(_ k: Int, _ t1: Int) -> Int { k * T + t1 }
    func backwardDone(_ k: Int, _ t0: Int) -> Int { L * T + (L - 1 - k) * T + (T - t0) }
    // BLAS threads. Beside a second thread every product stays on its own thread. On one thread, the
    // products over every step are large enough to share between two from about 16 M multiply-adds; a
    // step's own product only when it is that large by itself (a batch).
    let wide: Int32
    let step: Int32
    if plan != nil {
      wide = 1
      step = 1
    } else {
      wide = T * B * GH * max(H, kern.I0) >= 1 << 24 ? 2 : 1
      step = B * GH * H >= 1 << 22 ? 2 : 1
    }
    defer { rs_blas_pin_threads(0) }

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
        // Layer 0's first two ranges are for this thread, before its first steps (the second thread would
        // start them cold): the helper starts with the third.
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
        // Beside a second thread, each weight gradient in two halves of its gate rows: four chains of
        // tasks, so that both threads can share what is left when the recurrence ends.
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
            rs_blas_pin_threads(wide)
            control.ensure(projection[k][forward.of[t]])
            rs_blas_pin_threads(step)
          }
          kern.forwardStep(k, t)
          control.publish(forwardDone(k, t + 1))
        }
      }
      guard backward else {
        rs_blas_pin_threads(wide)
        return
      }
      for k in stride(from: L - 1, through: 0, by: -1) {
        kern.resetCarries()
        for t in stride(from: T - 1, through: 0, by: -1) {
          if cancel?.isCancelled == true { return }
          // ∂L/∂h of these steps: from the head, or from the layer above.
          if k == L - 1 && heads.ends(t) {
            rs_blas_pin_threads(wide)
            control.ensure(head[heads.of[t]])
            rs_blas_pin_threads(step)
          }
          if k < L - 1 && backs.ends(t) {
            rs_blas_pin_threads(wide)
            control.ensure(inputGradient[k + 1][backs.of[t]])
            rs_blas_pin_threads(step)
          }
          kern.backwardStep(k, t)
          control.publish(backwardDone(k, t))
        }
        kern.addBiasGradients(k)
      }
      rs_blas_pin_threads(wide)  // for the tasks left, run by this thread after the loop
    }
  }

  /// Consecutive ranges of steps, from their sizes.
  private struct StepRanges {
    let bounds: [Int]  // range r: bounds[r] ..< bounds[r + 1]
    let of: [Int]  // the range of step t
    init(_ sizes: [Int]) {
      var b = [0]
      var o: [Int] = []
      for (r, n) in sizes.enumerated() {
        b.append(b[r] + n)
        o += [Int](repeating: r, count: n)
      }
      bounds = b
      of = o
    }
    var count: Int { bounds.count - 1 }
    subscript(r: Int) -> (Int, Int) { (bounds[r], bounds[r + 1]) }
    func starts(_ t: Int) -> Bool { bounds[of[t]] == t }
    func ends(_ t: Int) -> Bool { bounds[of[t] + 1] == t + 1 }
  }

  // Runs `body` with a pointer to each array's values, all valid at once.
  private static func withReadPointers<R>(
    _ arrays: [[Double]], _ body: ([UnsafePointer<Double>]) -> R
  ) -> R {
    var pointers: [UnsafePointer<Double>] = []
    func nest(_ i: Int) -> R {
      if i == arrays.count { return body(pointers) }
      return arrays[i].withUnsafeBufferPointer {
        pointers.append($0.baseAddress!)
        return nest(i + 1)
      }
    }
    return nest(0)
  }
}
