import RNNCore

extension BenchCommand {
  /// A lecture-scale training workload: `Trainer.trainStep` as `rnnscope train` runs it — a fresh
  /// batch, forward + full BPTT as matrices, clip ‖∇θ‖ to `clip`, Adam at `lr` — per step.
  struct TrainingWorkload {
    let name: String
    let cell: CellKind
    let hidden: Int
    let batch: Int
    let length: Int
    let task: TaskKind
    let lr = 3e-3
    let clip = 1.0

    /// The four workloads: RNN, LSTM and GRU on the adding problem (hidden 64, batch 32, T 50)
    /// and an LSTM on text (hidden 128, batch 16, T 100).
    static let all = [
      TrainingWorkload(
        name: "train-rnn-h64", cell: .rnn, hidden: 64, batch: 32, length: 50, task: .adding),
      TrainingWorkload(
        name: "train-lstm-h64", cell: .lstm, hidden: 64, batch: 32, length: 50, task: .adding),
      TrainingWorkload(
        name: "train-gru-h64", cell: .gru, hidden: 64, batch: 32, length: 50, task: .adding),
      TrainingWorkload(
        name: "train-lstm-h128-text", cell: .lstm, hidden: 128, batch: 16, length: 100,
        task: .text),
    ]

    /// T·B: the rows of every product in a step.
    var rows: Int { length * batch }

    /// A trainer at step 0 with this workload's settings (seed 1); `text` for the text task.
    func trainer(text: String) throws -> Trainer {
      let spec = try SequenceTask(
        kind: task, length: length, text: task == .text ? text : nil)
      var c = TrainConfig()
      c.cell = cell
      c.hidden = hidden
      c.optimizer = .adam
      c.learningRate = lr
      c.clipNorm = clip
      c.batch = batch
      c.seed = 1
      return Trainer(task: spec, config: c)
    }
  }

  /// Training steps per second of `w` (and µs per step); a training fault ends the bench.
  func measureTraining(_ w: TrainingWorkload, text: String) throws -> Result {
    var trainer = try w.trainer(text: text)
    var fault: Error?
    let (ps, us) = measure {
      guard fault == nil else { return }
      do { try trainer.trainStep() } catch { fault = error }
    }
    if let fault { throw fault }
    let macs = Self.multiplyAdds(trainer.model.config, oneHot: w.task == .text, rows: w.rows)
    return Result(
      name: w.name, stepsPerSec: ps, usPerStep: us, gflops: 2 * macs * ps / 1e9, peakMB: nil)
  }

  /// The multiply-adds of one training step's matrix products over `rows` = T·B rows, as the
  /// batched kernel runs them (one layer): the recurrence forward, ∂L/∂h_{t−1} and dW_hh, GH·H
  /// each; the input projection and dW_ih, GH·I each (none for a one-hot input: a column picked,
  /// a column added into); the head forward, ∂L/∂h and dW_fc, O·H each.
  static func multiplyAdds(_ c: ModelConfig, oneHot: Bool, rows: Int) -> Double {
    let GH = c.gateRows
    let H = c.hiddenSize
    let input = oneHot ? 0 : 2 * GH * c.inputSize
    return Double(rows * (3 * GH * H + input + 3 * c.outputSize * H))
  }
}
