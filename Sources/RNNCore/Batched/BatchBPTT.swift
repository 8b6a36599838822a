import Foundation

/// Forward and full BPTT over a batch of sequences of one length, as matrices: the batch is
/// time-major (row t·B + b); each layer's input projection over a range of steps is one GEMM, each
/// step's recurrence one GEMM over the batch (a GEMV for one sequence), and each weight gradient
/// one GEMM over a range of steps — the way cuDNN and PyTorch organise it. For small batches the
/// steps are cut into ranges and a second thread runs the products of the ranges the recurrence has
/// finished while it goes on (`TaskPipeline`). The cell equations are those of `RNNCell`,
/// `LSTMCell` and `GRUCell` (PyTorch's), from a zero initial state, every step active; the
/// tape-keeping `ForwardPass` + `backpropagate` compute the same numbers (checked in the tests) for
/// the views, masks, nudges and truncated BPTT.
public enum BatchBPTT {
  /// The workspace one sequence of `steps` steps needs, in bytes (a batch of B needs B times this).
  public static func bytesPerSequence(_ c: ModelConfig, steps: Int) -> Double {
    BatchKernel.bytesPerSequence(c, steps: steps)
  }

  /// Runs `batch` (every example of the same length) forward and, when `grads` is given, backward,
  /// adding ∂(Σ L_t)/∂θ into `grads`. `keepOutputs` copies every o_t into the result. When `cancel`
  /// is requested, the recurrence stops at its next step and the products not yet run are skipped:
  /// the result and `grads` are then meaningless, and the caller (who asked) drops them.
  public static func run(
    model: Model, loss lossKind: LossKind, batch: [Example], grads: inout ModelParameters?,
    workspace ws: BatchWorkspace, keepOutputs: Bool = false, cancel: Cancellation? = nil
  ) -> BatchResult {
    let steps = batch.first?.inputs.count ?? 0
    if splits(model.config, steps: steps, batch: batch.count) {
      return runSplit(
        model: model, loss: lossKind, batch: batch, grads: &grads, workspace: ws,
        keepOutputs: keepOutputs, helper: true, cancel: cancel)
    }
    return run(
      model: model, loss: lossKind, batch: batch, grads: &grads, workspace: ws,
      keepOutputs: keepOutputs,
      ranges: ranges(model.config, steps: steps, batch: batch.count), helper: true, cancel: cancel)
  }

  /// `run` with the ranges chosen by the caller (nil: one range) and the second thread allowed or
  /// not; `blasPinned` when the caller has pinned BLAS's threads (see `schedule`).
  static func run(
    model: Model, loss lossKind: LossKind, batch: [Example], grads: inout ModelParameters?,
    workspace ws: BatchWorkspace, keepOutputs: Bool, ranges: Ranges?, helper: Bool,
    blasPinned: Bool = false, cancel: Cancellation? = nil
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
        schedule(
          kern, ranges: ranges, helper: helper, blasPinned: blasPinned, workspace: ws,
          cancel: cancel)
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
