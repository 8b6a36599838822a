import ArgumentParser
import Foundation
import RNNCore
import RNNFormats

struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train models headless on a sequence task and compare them.",
    discussion: """
      Trains one model per cell in --cell (a comma list: rnn,lstm,gru) on the same sequences from \
      the same seed, then scores each on the same held-out set. Same seed and options, same \
      numbers. Loss is the mean per target; the gradient norm is ‖∇θ‖ before clipping. If a loss, \
      gradient or weight stops being finite, that model's training stops, says where, and keeps \
      the weights of the last finite step.
      """
  )

  @Option(help: "echo | adding | copy | parity | sine | text | flipflop | integrator")
  var task: TaskKind = .echo
  @Option(help: "echo: steps back to repeat (default 5); copy: blanks before recall (default 20).")
  var delay: Int?
  @Option(help: "Steps per sequence (copy: symbols to copy).") var length: Int?
  @Option(help: "Symbols for echo and copy (default 8).") var alphabet: Int?
  @Option(help: "flipflop: channels, each holding the sign of its last ±1 pulse (default 3).")
  var bits: Int?
  @Option(help: "A UTF-8 text file for --task text (default: a built-in public-domain text).")
  var text: String?
  @Option(help: "Cells to train, comma-separated: rnn, lstm, gru.") var cell: String = "rnn"
  @Option(help: "The RNN cell's activation: tanh, sigmoid or relu.") var activation: Activation =
    .tanh
  @Option(help: "Hidden units (\(Limits.trainHidden.span)).") var hidden: Int = 64
  @Option(help: "Stacked layers (\(Limits.trainLayers.span)).") var layers: Int = 1
  @Option(
    help:
      ArgumentHelp(
        "Look tokens up in an embedding this wide (nn.Embedding; echo, copy, parity, text) instead "
          + "of one-hot inputs."
      )
  )
  var embed: Int?
  @Option(help: "pytorch | xavier | orthogonal | identity") var `init`: InitScheme = .pytorch
  @Option(help: "Scale every W_hh gate block to this spectral radius.") var radius: Double?
  @Option(help: "LSTM forget-gate bias (PyTorch's default init leaves it random around 0).")
  var forgetBias: Double?
  @Option(help: "sgd | adagrad | rmsprop | adam") var optimizer: OptimizerKind = .adam
  @Option(help: "Learning rate (default: the optimizer's PyTorch default; 0.1 for sgd).") var lr:
    Double?
  @Option(help: "SGD momentum.") var momentum: Double = 0
  @Option(help: "Clip the global gradient norm to this (0 = off).") var clip: Double = 0
  @Option(help: "Clip every gradient entry to ±this (0 = off).") var clipValue: Double = 0
  @Option(
    help: "Truncated BPTT as k1,k2: every k1 steps backpropagate k2 steps (default: full BPTT).")
  var bptt: String?
  @Option(help: "Sequences per batch.") var batch: Int = 32
  @Option(help: "Training steps.") var steps: Int = 1000
  @Option(help: "Seed of the weights and the data.") var seed: UInt64 = 1
  @Option(help: "Log every N steps (default: steps/20).") var logEvery: Int?
  @Option(
    help:
      ArgumentHelp(
        "Save the trained weights (safetensors, written atomically); with several cells, -CELL is "
          + "added before the extension."
      )
  ) var save: String?
  @Option(help: "text: characters to sample after training.") var sample: Int = 0
  @Option(help: "Sampling temperature.") var temperature: Double = 1
  @Option(help: "Sampling prime string.") var prime: String = ""
  @Flag(help: "One JSON object per logging interval and a final one per cell.") var json = false

  func cells() throws -> [CellKind] {
    let parts = cell.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    }
    guard !parts.isEmpty else {
      throw ValidationError("--cell needs at least one of rnn, lstm, gru")
    }
    return try parts.map {
      guard let c = CellKind(rawValue: $0) else {
        throw ValidationError("--cell: unknown cell '\($0)' (rnn, lstm, gru)")
      }
      return c
    }
  }

  func bpttMode() throws -> BPTTMode {
    guard let b = bptt else { return .full }
    let p = b.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard p.count == 2, p[0] >= 1, p[1] >= p[0] else {
      throw ValidationError("--bptt must be k1,k2 with 1 ≤ k1 ≤ k2 (got \(b))")
    }
    return .truncated(k1: p[0], k2: p[1])
  }

  /// Bytes for training the largest cell (an LSTM) of these sizes, computed in Double so any sizes
  /// give a figure: the weights six times over and the batch kernel's workspace (a chunk of the
  /// batch within `Trainer.workspaceBudget`, at least one sequence).
  func memoryNeeded(input: Int, output: Int, steps: Int) -> Double {
    let c = ModelConfig(
      cell: .lstm, inputSize: input, hiddenSize: hidden, numLayers: max(layers, 1),
      outputSize: output)
    let weights = ResourceEstimate.bytes(
      cell: .lstm, input: input, hidden: hidden, layers: layers, output: output,
      steps: 0, sequences: 0)
    let perSequence = BatchBPTT.bytesPerSequence(c, steps: max(1, steps))
    return weights
      + max(perSequence, min(Double(max(batch, 1)) * perSequence, Trainer.workspaceBudget))
  }

  func validate() throws {
    // Memory first, so that absurd sizes are refused with the figure. A text's vocabulary is not
    // known here (256 is assumed); `run` checks again with the task's real sizes.
    let probe =
      task == .text
      ? nil
      : try? SequenceTask(
        kind: task, length: length, delay: delay, alphabet: alphabet, bits: bits)
    let estimate = memoryNeeded(
      input: probe?.inputSize ?? 256, output: probe?.outputSize ?? 256,
      steps: probe?.sequenceLength ?? length ?? 100)
    if let refusal = ResourceEstimate.refusal(estimate) { throw ValidationError(refusal) }
    _ = try cells()
    _ = try bpttMode()
    try Limits.trainHidden.check(option: "hidden", hidden)
    try Limits.embed.check(option: "embed", embed)
    if let e = embed, e > 0, !task.readsTokens {
      throw ValidationError(
        "--embed needs token inputs (echo, copy, parity, text); the \(task.rawValue) task's are "
          + "vectors"
      )
    }
    try Limits.trainLayers.check(option: "layers", layers)
    try Limits.trainBatch.check(option: "batch", batch)
    try Limits.trainSteps.check(option: "steps", steps)
    try Limits.trainSample.check(option: "sample", sample)
    try Limits.learningRate.check(option: "lr", lr)
    try Limits.clip.check(option: "clip", clip)
    try Limits.clipValue.check(option: "clip-value", clipValue)
    try Limits.momentum.check(option: "momentum", momentum)
    try Limits.radius.check(option: "radius", radius)
    try Limits.forgetBias.check(option: "forget-bias", forgetBias)
    try Limits.sampleTemperature.check(option: "temperature", temperature)
    try Limits.logEvery.check(option: "log-every", logEvery)
    if text != nil && task != .text { throw ValidationError("--text applies to --task text") }
    if bits != nil && task != .flipflop {
      throw ValidationError("--bits applies to --task flipflop")
    }
    if sample > 0 && task != .text { throw ValidationError("--sample applies to --task text") }
  }

  func run() throws {
    let body = try text.map {
      try readTextFile(
        $0, command: "rnnscope train", characters: Limits.trainTextCharacters.range)
    }
    let taskSpec: SequenceTask
    do {
      taskSpec = try SequenceTask(
        kind: task, length: length, delay: delay, alphabet: alphabet, bits: bits, text: body)
    } catch let e as SequenceTask.Invalid {
      printError("rnnscope train: \(e.setting.optionWording)")
      throw ExitCode(task == .text && text != nil ? 1 : 2)
    }
    let cellList = try cells()
    // Memory again with the task's real sizes (a text's vocabulary), before anything is allocated.
    let need = memoryNeeded(
      input: taskSpec.inputSize, output: taskSpec.outputSize, steps: taskSpec.sequenceLength)
    if let refusal = ResourceEstimate.refusal(need) {
      printError("rnnscope train: \(refusal)")
      throw ExitCode(2)
    }
    // Where the weights go is checked now, not after the whole run.
    if let path = save {
      for target in cellList.count > 1 ? cellList.map({ suffixed(path, $0.rawValue) }) : [path] {
        if case .failure(let e) = SavePlan.make(target) {
          printError("rnnscope train: --save: \(e.description)")
          throw ExitCode(1)
        }
      }
    }
    let heldOut = Trainer.heldOut(taskSpec, seed: seed)
    let every = logEvery ?? max(1, steps / 20)
    let interactive = !json && isatty(STDERR_FILENO) == 1
    var results:
      [(
        cell: CellKind, eval: Evaluation, diverged: String?, seconds: Double,
        initialProfile: [Double], profile: [Double], trainer: Trainer
      )] = []
    for c in cellList {
      var config = TrainConfig()
      config.cell = c
      config.activation = c == .rnn ? activation : .tanh
      config.hidden = hidden
      config.layers = layers
      config.embed = embed
      config.initialization = Initialization(
        scheme: self.`init`, forgetBias: forgetBias, radius: radius)
      config.optimizer = optimizer
      config.learningRate = lr
      config.momentum = momentum
      config.clipNorm = clip
      config.clipValue = clipValue
      config.batch = batch
      config.steps = steps
      config.seed = seed
      config.bptt = try bpttMode()
      var trainer = Trainer(task: taskSpec, config: config)
      let initialProfile = lastLossProfile(trainer, heldOut)
      var diverged: String? = nil
      let start = Date()
      for s in 1...steps {
        do {
          let st = try trainer.trainStep()
          if s % every == 0 || s == steps {
            if json {
              emit([
                "cell": c.rawValue, "step": s, "loss": st.loss, "accuracy": st.accuracy as Any,
                "grad_norm": st.gradNorm,
              ])
            }
            if interactive { progress(c, s, st) }
          }
        } catch let f as TrainingFault {
          diverged = f.description
          printError("\(interactive ? "\n" : "")rnnscope train: \(c.rawValue): \(f.description)")
          break
        }
      }
      if interactive { StandardOutput.toStandardError("\n") }
      let seconds = Date().timeIntervalSince(start)
      let eval = trainer.evaluate(heldOut)
      let profile = lastLossProfile(trainer, heldOut)
      if json {
        var obj: [String: Any] = [
          "cell": c.rawValue, "final": true, "diverged": diverged != nil, "loss": eval.loss,
          "steps": trainer.step, "seconds": seconds, "grad_profile_last": profile,
          "grad_profile_last_init": initialProfile,
        ]
        if let a = eval.accuracy { obj["accuracy"] = a }
        if let m = eval.mse { obj["mse"] = m }
        emit(obj)
      }
      if let path = save {
        try saveModel(
          trainer, taskSpec, path: cellList.count > 1 ? suffixed(path, c.rawValue) : path)
      }
      results.append((c, eval, diverged, seconds, initialProfile, profile, trainer))
    }
    if !json {
      printSummary(
        taskSpec,
        results.map {
          (
            $0.cell, $0.eval, $0.diverged, $0.seconds, $0.trainer.step, $0.initialProfile,
            $0.profile
          )
        })
    }
    if sample > 0, let v = taskSpec.vocabulary {
      for r in results {
        let text = sampleText(
          model: r.trainer.model, vocabulary: v, prime: prime, length: sample,
          temperature: temperature, seed: seed)
        if json {
          emit(["cell": r.cell.rawValue, "sample": prime + text])
        } else {
          print(
            "\n\(r.cell.rawValue) sample (temperature \(temperature)):\n"
              + visible(prime + text, keepNewlines: true))
        }
      }
    }
  }
}
