import Foundation

// A batch's gradient: as matrices through `BatchBPTT` (full BPTT, grouped by length and chunked
// to the workspace budget) or through the tape (truncated BPTT).
extension Trainer {
  /// Forward and BPTT over a batch: the gradient of the mean loss per target, and the step's
  /// statistics. Full BPTT runs the batch as matrices (`BatchBPTT`, sequences grouped by length);
  /// truncated BPTT runs each sequence through the tape (`ForwardPass` + `backpropagate`). A
  /// requested `cancel` stops the work between sequences, and inside the batch kernel between
  /// steps.
  public func gradients(_ batch: [Example], cancel: Cancellation? = nil) throws
    -> (grads: ModelParameters, loss: Double, accuracy: Double?, profile: [Double])
  {
    var grads: ModelParameters
    var lossSum = 0.0
    var targets = 0
    var right = 0
    var scored = 0
    var profile: [Double] = []
    if config.bptt == .full, !batch.isEmpty {
      var g: ModelParameters? = ModelParameters(zerosFor: model.config)
      try workspaces.with { workspace in
        profile = [Double](repeating: 0, count: batch[0].inputs.count)
        for group in groupedByLength(batch) {
          let r = BatchBPTT.run(
            model: model, loss: task.loss, batch: group, grads: &g, workspace: workspace,
            keepOutputs: true, cancel: cancel)
          if cancel?.isCancelled == true { throw Cancelled() }
          lossSum += r.lossSum
          targets += r.targetCount
          let s = score(group, outputs: r.outputs)
          scored += s.scored
          right += s.right
          for t in r.topGradNormSums.indices where t < profile.count {
            profile[t] += r.topGradNormSums[t]
          }
        }
      }
      grads = g.take()!  // moved, not shared: dividing it below copies nothing
    } else {
      grads = ModelParameters(zerosFor: model.config)
      for ex in batch {
        if cancel?.isCancelled == true { throw Cancelled() }
        var pass = ForwardPass(model: model, loss: task.loss)
        for t in ex.inputs.indices {
          let r = pass.step(ex.inputs[t], target: ex.targets[t])
          if let y = ex.targets[t] {
            targets += 1
            lossSum += r.loss ?? 0
            if let ok = task.correct(outputs: r.outputs, target: y) {
              scored += 1
              if ok { right += 1 }
            }
          }
        }
        let b = backpropagate(pass, mode: config.bptt, lastLoss: false)
        grads.add(b.gradients)
        let top = b.hiddenGradNorms[model.config.numLayers - 1]
        if profile.isEmpty {
          profile = top
        } else {
          for t in top.indices where t < profile.count { profile[t] += top[t] }
        }
      }
    }
    let n = Double(max(targets, 1))
    grads.divide(by: n)
    return (
      grads, lossSum / n, scored > 0 ? Double(right) / Double(scored) : nil,
      profile.map { $0 / Double(batch.count) }
    )
  }

  /// Over one `BatchBPTT` run's outputs (time-major rows t·B + b): how many targets the task
  /// scores, how many of those are right, and Σ‖o − y‖² over the vector targets.
  func score(_ group: [Example], outputs: [Double]) -> (
    scored: Int, right: Int, squaredError: Double
  ) {
    let O = model.config.outputSize
    var scored = 0
    var right = 0
    var se = 0.0
    for (b, ex) in group.enumerated() {
      for t in ex.targets.indices {
        guard let y = ex.targets[t] else { continue }
        let row = (t * group.count + b) * O
        let o = outputs[row..<(row + O)]
        if let ok = task.correct(outputs: o, target: y) {
          scored += 1
          if ok { right += 1 }
        }
        if case .vector(let v) = y { for (oi, vi) in zip(o, v) { se += (oi - vi) * (oi - vi) } }
      }
    }
    return (scored, right, se)
  }

  /// How much workspace one matrix batch may use: larger batches run in chunks of this size.
  public static let workspaceBudget = 256.0 * 1024 * 1024

  /// The examples in groups of one sequence length, in order of first appearance, each group split
  /// into chunks whose workspace fits `workspaceBudget` (at least one sequence per chunk).
  func groupedByLength(_ batch: [Example]) -> [[Example]] {
    Trainer.groupedByLength(batch) {
      max(
        1,
        Int(Trainer.workspaceBudget / BatchBPTT.bytesPerSequence(model.config, steps: max($0, 1))))
    }
  }

  static func groupedByLength(_ batch: [Example], chunk: (Int) -> Int = { _ in Int.max })
    -> [[Example]]
  {
    var order: [Int] = []
    var groups: [Int: [Example]] = [:]
    for ex in batch {
      if groups[ex.inputs.count] == nil { order.append(ex.inputs.count) }
      groups[ex.inputs.count, default: []].append(ex)
    }
    return order.flatMap { length -> [[Example]] in
      let g = groups[length]!
      let size = chunk(length)
      return stride(from: 0, to: g.count, by: size).map { Array(g[$0..<min($0 + size, g.count)]) }
    }
  }
}
