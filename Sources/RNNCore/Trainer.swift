import Foundation

/// Mini-batch training of a model on a task, deterministic given the seed.
public struct Trainer: Sendable {
  public let task: SequenceTask
  public let config: TrainConfig
  public private(set) var model: Model
  public private(set) var optimizer: Optimizer
  public private(set) var step = 0
  private var data: SeededGenerator
  // The batch kernel's buffers and second thread, kept from training batch to training batch.
  let workspaces = WorkspaceSlot()

  public init(task: SequenceTask, config: TrainConfig, model start: Model? = nil) {
    self.task = task
    self.config = config
    let mc = ModelConfig(
      cell: config.cell, activation: config.activation, hiddenSize: config.hidden,
      numLayers: config.layers, embed: config.embed, for: task)
    if let start {
      // An embedding model reads the task's tokens through its embedding (inputSize is its width).
      precondition(
        start.config.tokenCount == task.inputSize && start.config.outputSize == task.outputSize,
        "the model's sizes do not fit the task")
      model = start
    } else {
      model = Model(config: mc, parameters: config.initialization.parameters(mc, seed: config.seed))
    }
    optimizer = Optimizer(
      config.optimizer,
      learningRate: config.learningRate ?? Optimizer.defaultLearningRate(config.optimizer),
      momentum: config.momentum)
    // The data stream depends on the seed only, so every cell trained with one seed sees the same
    // sequences.
    data = SeededGenerator(seed: config.seed &+ 0x9E37_79B9_7F4A_7C15)
  }

  /// A fixed held-out set, the same for every model trained with `seed`.
  public static func heldOut(_ task: SequenceTask, count: Int = 256, seed: UInt64) -> [Example] {
    var g = SeededGenerator(seed: seed &+ 7919)
    return (0..<count).map { _ in task.example(&g) }
  }

  /// One optimisation step on a fresh batch. Throws, with the weights of the last finite step kept,
  /// when the loss, the gradient or the updated weights stop being finite; throws `Cancelled`, with
  /// the weights and the step count as they were, when `cancel` is requested before the update.
  @discardableResult
  public mutating func trainStep(cancel: Cancellation? = nil) throws -> StepStats {
    let data0 = data
    let batch = (0..<config.batch).map { _ in task.example(&data) }
    var grads: ModelParameters
    var loss: Double
    var accuracy: Double?
    var profile: [Double]
    do {
      (grads, loss, accuracy, profile) = try gradients(batch, cancel: cancel)
    } catch {
      data = data0  // the step never happened: the next one draws the same batch
      throw error
    }
    step += 1
    guard loss.isFinite else { throw TrainingFault(step: step, quantity: "the loss", value: loss) }
    let norm = grads.globalNorm
    guard norm.isFinite else {
      throw TrainingFault(step: step, quantity: "the gradient norm", value: norm)
    }
    var clipped = false
    if config.clipValue > 0 { Clipping.byValue(&grads, limit: config.clipValue) }
    if config.clipNorm > 0 {
      // ‖g‖ as measured above unless clipping by value has changed g since.
      let measured = config.clipValue > 0 ? grads.globalNorm : norm
      Clipping.byNorm(&grads, maxNorm: config.clipNorm, norm: measured)
      clipped = norm > config.clipNorm
    }
    let before = model.parameters
    if optimizer.step(&model.parameters, grads) > 0, let bad = model.parameters.firstNonFinite {
      let v = model.parameters[bad].first { !$0.isFinite } ?? .nan
      model.parameters = before
      throw TrainingFault(step: step, quantity: "parameter \(bad)", value: v)
    }
    return StepStats(
      step: step, loss: loss, accuracy: accuracy, gradNorm: norm, clipped: clipped, profile: profile
    )
  }

  /// Mean loss per target, accuracy and (for regression tasks) mean squared error over `examples`.
  public func evaluate(_ examples: [Example]) -> Evaluation {
    var lossSum = 0.0
    var targets = 0
    var right = 0
    var scored = 0
    var se = 0.0
    var none: ModelParameters? = nil
    // A workspace of its own, let go at the end: a held-out set can be far larger than a batch.
    let workspace = BatchWorkspace()
    for group in groupedByLength(examples) {
      let r = BatchBPTT.run(
        model: model, loss: task.loss, batch: group, grads: &none, workspace: workspace,
        keepOutputs: true)
      lossSum += r.lossSum
      targets += r.targetCount
      let s = score(group, outputs: r.outputs)
      scored += s.scored
      right += s.right
      se += s.squaredError
    }
    let n = Double(max(targets, 1))
    return Evaluation(
      loss: lossSum / n, accuracy: scored > 0 ? Double(right) / Double(scored) : nil,
      mse: task.loss == .mse ? se / n : nil)
  }
}
