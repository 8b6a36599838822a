import CLapackShim

extension BatchBPTT {
  /// Whether `run` splits a batch into two halves, one per core: batches of 8 sequences or more
  /// where `ranges` would give a second thread the products (each step's product small enough for
  /// one thread, B·G·H < 4 M; the products over the steps worth a second, ≥ 2 M multiply-adds);
  /// larger batches' step products share BLAS's two threads instead. Each half runs its recurrence
  /// and its products on its thread, BLAS on one thread each; the half that finishes first takes
  /// the other's products still to run (`TaskPipeline.join`). The split depends on the shapes only,
  /// never on how many threads run it, so the numbers are the same bit for bit on one core and on
  /// two.
  static func splits(_ c: ModelConfig, steps T: Int, batch B: Int) -> Bool {
    B >= 8 && stepProductIsSmall(c, batch: B) && productsWantASecondThread(c, steps: T, batch: B)
  }

  /// `run` over the batch's first ⌈B/2⌉ sequences on this thread and the rest beside it on the
  /// pipeline's second thread (`helper`; without it, after the first half on this one). The
  /// second half's weight gradients go into a buffer of their own, added to `grads` after the
  /// first half's: ∂L/∂θ = (grads + ∂L₀/∂θ) + ∂L₁/∂θ, in that order whichever thread finished
  /// first. Loss, targets and gradient norms add up half 0 then half 1; o_t comes back time-major
  /// over the whole batch (row t·B + b), as from one run.
  static func runSplit(
    model: Model, loss lossKind: LossKind, batch: [Example], grads: inout ModelParameters?,
    workspace ws: BatchWorkspace, keepOutputs: Bool, helper: Bool, cancel: Cancellation? = nil
  ) -> BatchResult {
    let B = batch.count
    let B0 = (B + 1) / 2
    let first = Array(batch[..<B0])
    let second = Array(batch[B0...])
    let spaces = ws.halves
    var secondGrads: ModelParameters? = grads.map { _ in ModelParameters(zerosFor: model.config) }
    var r0 = BatchResult()
    var r1 = BatchResult()
    let T0 = first[0].inputs.count
    let plan = Ranges(forward: [Int](repeating: 1, count: T0), head: [T0], backward: [T0])
    rs_blas_pin_threads(1)
    defer { rs_blas_pin_threads(0) }
    // Whichever half finishes first lends its thread to the other's products still to run.
    let secondHalf = TaskPipeline.Task(after: 0, needs: []) {
      r1 = run(
        model: model, loss: lossKind, batch: second, grads: &secondGrads, workspace: spaces[1],
        keepOutputs: keepOutputs, ranges: plan, helper: false, blasPinned: true, cancel: cancel)
      spaces[0].pipeline.join()
    }
    ws.pipeline.run([secondHalf], useHelper: helper) { _ in
      r0 = run(
        model: model, loss: lossKind, batch: first, grads: &grads, workspace: spaces[0],
        keepOutputs: keepOutputs, ranges: plan, helper: false, blasPinned: true, cancel: cancel)
      spaces[1].pipeline.join()
    }
    if grads != nil { grads!.add(secondGrads!) }
    var result = BatchResult()
    result.lossSum = r0.lossSum + r1.lossSum
    result.targetCount = r0.targetCount + r1.targetCount
    result.topGradNormSums = zip(r0.topGradNormSums, r1.topGradNormSums).map { $0 + $1 }
    if keepOutputs {
      // Each half's rows t·B_h + b, interleaved back into rows t·B + b.
      let O = model.config.outputSize
      let T = first[0].inputs.count
      let B1 = B - B0
      result.outputs.reserveCapacity(T * B * O)
      for t in 0..<T {
        result.outputs += r0.outputs[(t * B0 * O)..<((t + 1) * B0 * O)]
        result.outputs += r1.outputs[(t * B1 * O)..<((t + 1) * B1 * O)]
      }
    }
    return result
  }
}
