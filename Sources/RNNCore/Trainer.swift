import Foundation

/// Everything that decides a training run.
public struct TrainConfig: Sendable {
  public var cell: CellKind = .rnn
  public var activation: Activation = .tanh
  public var hidden = 64
  public var layers = 1
  public var initialization = Initialization()
  public var optimizer: OptimizerKind = .adam
  public var learningRate: Double? = nil
  public var momentum = 0.0
  /// Clip the global gradient norm to this (0 = off).
  public var clipNorm = 0.0
  /// Clip every gradient entry to ±this (0 = off).
  public var clipValue = 0.0
  public var batch = 32
  public var steps = 1000
  public var seed: UInt64 = 1
  public var bptt: BPTTMode = .full

  public init() {}
}

/// What one training step measured.
public struct StepStats: Sendable {
  public let step: Int
  /// Mean loss per target over the batch.
  public let loss: Double
  /// Share of targets predicted right (nil where accuracy means nothing).
  public let accuracy: Double?
  /// ‖∇θ‖ before clipping.
  public let gradNorm: Double
  public let clipped: Bool
  /// Mean over the batch of ‖∂L/∂h_t‖ of the top layer, t = 1…T.
  public let profile: [Double]

  public init(
    step: Int, loss: Double, accuracy: Double?, gradNorm: Double, clipped: Bool, profile: [Double]
  ) {
    self.step = step
    self.loss = loss
    self.accuracy = accuracy
    self.gradNorm = gradNorm
    self.clipped = clipped
    self.profile = profile
  }
}

/// Held-out scores.
public struct Evaluation: Sendable {
  public let loss: Double
  public let accuracy: Double?
  public let mse: Double?
}

/// Training stopped because a number stopped being finite; the weights are those of the last finite step.
public struct TrainingFault: Error, CustomStringConvertible, Sendable {
  public let step: Int
  public let quantity: String
  public let value: Double
  public var description: String {
    "step \(step): \(quantity) became \(value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf")); weights restored to step \(step - 1)"
  }
}

/// Mini-batch training of a model on a task, deterministic given the seed.
public struct Trainer: Sendable {
  public let task: SequenceTask
  public let config: TrainConfig
  public private(set) var model: Model
  public private(set) var optimizer: Optimizer
  public private(set) var step = 0
  private var data: SeededGenerator
  // The batch kernel's buffers and second thread, kept from training batch to training batch.
  private let workspaces = WorkspaceSlot()

  public init(task: SequenceTask, config: TrainConfig, model start: Model? = nil) {
    self.task = task
    self.config = config
    let mc = ModelConfig(
      cell: config.cell, activation: config.activation, inputSize: task.inputSize,
      hiddenSize: config.hidden, numLayers: config.layers, outputSize: task.outputSize)
    if let start {
      precondition(
        start.config.inputSize == task.inputSize && start.config.outputSize == task.outputSize,
        "the model's sizes do not fit the task")
      model = start
    } else {
      model = Model(config: mc, parameters: config.initialization.parameters(mc, seed: config.seed))
    }
    optimizer = Optimizer(
      config.optimizer,
      learningRate: config.learningRate ?? Optimizer.defaultLearningRate(config.optimizer),
      momentum: config.momentum)
    // The data stream depends on the seed only, so every cell trained with one seed sees the same sequences.
    data = SeededGenerator(seed: config.seed &+ 0x9E37_79B9_7F4A_7C15)
  }

  /// A fixed held-out set, the same for every model trained with `seed`.
  public static func heldOut(_ task: SequenceTask, count: Int = 256, seed: UInt64) -> [Example] {
    var g = SeededGenerator(seed: seed &+ 7919)
    return (0..<count).map { _ in task.example(&g) }
  }

  /// Forward and BPTT over a batch: the gradient of the mean loss per target, and the step's statistics.
  /// Full BPTT runs the batch as matrices (`BatchBPTT`, sequences grouped by length); truncated BPTT runs
  /// each sequence through the tape (`ForwardPass` + `backpropagate`).
  /// A requested `cancel` stops the work between sequences, and inside the batch kernel between steps.
  public func gradients(_ batch: [Example], cancel: Cancellation? = nil) throws
    -> (grads: ModelParameters, loss: Double, accuracy: Double?, profile: [Double])
  {
    var grads = ModelParameters(zerosFor: model.config)
    var lossSum = 0.0
    var targets = 0
    var right = 0
    var scored = 0
    var profile: [Double] = []
    if config.bptt == .full, !batch.isEmpty {
      try workspaces.with { workspace in
        var g: ModelParameters? = grads
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
        grads = g!
      }
    } else {
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
    grads.apply { $0 /= n }
    return (
      grads, lossSum / n, scored > 0 ? Double(right) / Double(scored) : nil,
      profile.map { $0 / Double(batch.count) }
    )
  }

  /// Over one `BatchBPTT` run's outputs (time-major rows t·B + b): how many targets the task scores, how many
  /// of those are right, and Σ‖o − y‖² over the vector targets.
  private func score(_ group: [Example], outputs: [Double]) -> (
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
        let o = Array(outputs[row..<(row + O)])
        if let ok = task.correct(outputs: o, target: y) {
          scored += 1
          if ok { right += 1 }
        }
        if case .vector(let v) = y { for i in v.indices { se += (o[i] - v[i]) * (o[i] - v[i]) } }
      }
    }
    return (scored, right, se)
  }

  /// How much workspace one matrix batch may use: larger batches run in chunks of this size.
  public static let workspaceBudget = 256.0 * 1024 * 1024

  /// The examples in groups of one sequence length, in order of first appearance, each group split into
  /// chunks whose workspace fits `workspaceBudget` (at least one sequence per chunk).
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

  /// One optimisation step on a fresh batch. Throws, with the weights of the last finite step kept,
  /// when the loss, the gradient or the updated weights stop being finite; throws `Cancelled`, with the
  /// weights and the step count as they were, when `cancel` is requested before the update.
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
      Clipping.byNorm(&grads, maxNorm: config.clipNorm)
      clipped = norm > config.clipNorm
    }
    let before = model.parameters
    optimizer.step(&model.parameters, grads)
    if let bad = model.parameters.firstNonFinite {
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

/// Samples text from a character model: the prime string is read first, then each next character is drawn
/// from softmax(o / temperature).
public func sampleText(
  model: Model, vocabulary: CharVocabulary, prime: String, length: Int, temperature: Double,
  seed: UInt64
) -> String {
  var sampler = TextSampler(
    model: model, vocabulary: vocabulary, prime: prime, temperature: temperature, seed: seed)
  return sampler.next(length)
}

/// `sampleText` a few characters at a time, for work done in slices between frames: `next(a)` then
/// `next(b)` gives the same characters as one `sampleText` of a + b.
public struct TextSampler: Sendable {
  private var generator: SeededGenerator
  private var pass: ForwardPass
  private var last: StepRecord
  private let vocabulary: CharVocabulary
  private let temperature: Double

  public init(
    model: Model, vocabulary: CharVocabulary, prime: String, temperature: Double, seed: UInt64
  ) {
    var g = SeededGenerator(seed: seed)
    var pass = ForwardPass(model: model)
    pass.window = 1  // only the latest step is needed: memory stays flat however long the sample
    var primeTokens = vocabulary.encode(prime)
    if primeTokens.isEmpty { primeTokens = [Int(g.next() % UInt64(vocabulary.count))] }
    var last: StepRecord? = nil
    for t in primeTokens { last = pass.step(.token(t)) }
    self.generator = g
    self.pass = pass
    self.last = last!
    self.vocabulary = vocabulary
    self.temperature = temperature
  }

  /// The next `count` characters.
  public mutating func next(_ count: Int) -> String {
    var out = ""
    for _ in 0..<count {
      let o = last.outputs.map { $0 / max(temperature, 1e-6) }
      let p = SoftmaxCrossEntropy.softmax(o)
      var u = generator.nextUnit()
      var k = 0
      while k < p.count - 1 && u >= p[k] {
        u -= p[k]
        k += 1
      }
      out.append(vocabulary.character(k))
      last = pass.step(.token(k))
    }
    return out
  }
}
