import Foundation
import RNNCore
import RNNFormats
import RNNViews

/// Headless training, text, sampling, the `show` reports, weights and whole sessions.
extension ScopeState {
  /// Trains `steps` steps on this thread (the REPL and `rnnscope run`); returns a summary.
  public mutating func trainSynchronously(steps: Int) -> String {
    stopTraining()
    var trainer = Trainer(task: task, config: trainConfig(), model: model)
    var stats: [StepStats] = []
    var fault: String? = nil
    for _ in 0..<steps {
      do { stats.append(try trainer.trainStep()) } catch {
        fault = "\(error)"
        break
      }
    }
    absorb(stats, trainer.model, fault)
    guard let first = stats.first, let last = stats.last else {
      return "training stopped at once: \(fault ?? "no steps")"
    }
    var out =
      "trained \(stats.count) steps (\(trainedSteps) in all): loss \(NumberFormat.short(first.loss)) → \(NumberFormat.short(last.loss))"
    if let a = last.accuracy { out += ", accuracy \(NumberFormat.short(a, digits: 2))" }
    out += ", ‖∇‖ \(NumberFormat.scientific(last.gradNorm))"
    if let f = fault { out += "\nstopped: \(f)" }
    return out
  }

  /// Reads `text` as the sequence (character-level, like the demo); the model is rebuilt for its characters.
  public mutating func useText(_ text: String) throws {
    var o = options
    o.task = nil
    o.text = text
    o.length = nil
    try rebuild(options: o)
  }

  /// A text report for `show WHAT`.
  public func report(_ what: String) -> String? {
    let top = config.numLayers - 1
    switch what {
    case "model":
      var lines = [
        model.config.summary,
        "task \(task.kind.rawValue), \(maxSteps) steps per sequence, loss \(task.loss.rawValue)",
        "optimizer \(options.optimizer.rawValue), batch \(options.batch), clip \(options.clip), trained \(trainedSteps) steps",
      ]
      for (name, blocks) in Spectral.report(model) {
        lines.append(
          "\(name): "
            + blocks.enumerated().map {
              "\(config.cell.gateNames[$0.offset]) ρ=\(NumberFormat.short($0.element.radius)) σ_max=\(NumberFormat.short($0.element.sigmaMax))"
            }.joined(separator: ", "))
      }
      return lines.joined(separator: "\n")
    case "step":
      guard stepsTaken > 0 else { return "no steps taken" }
      let t = cursor
      guard let st = record(t) else { return "step \(t + 1) was forgotten" }
      var lines = [
        "step \(t + 1) of \(stepsTaken): input \(inputLabel(t)), target \(targetLabel(t) ?? "none")"
      ]
      if let p = predictedToken(t) {
        lines.append("predicted \(tokenLabel(p)) with p=\(NumberFormat.short(st.probabilities[p]))")
      } else if let o = st.outputs.first {
        lines.append("output \(NumberFormat.short(o))")
      }
      if let l = st.loss { lines.append("loss \(NumberFormat.short(l))") }
      return lines.joined(separator: "\n")
    case "h", "hidden":
      guard let st = record(cursor) else { return "no steps taken" }
      return "h_\(cursor + 1) = ["
        + st.hidden[top].map { NumberFormat.short($0) }.joined(separator: ", ") + "]"
    case "c", "cell":
      guard config.cell == .lstm, let st = record(cursor) else {
        return config.cell == .lstm ? "no steps taken" : "only an LSTM has a cell state"
      }
      return "c_\(cursor + 1) = ["
        + st.cell[top].map { NumberFormat.short($0) }.joined(separator: ", ") + "]"
    case "gates":
      guard config.cell != .rnn, let l = record(cursor)?.layers.last else {
        return "a vanilla RNN has no gates"
      }
      let H = config.hiddenSize
      return config.cell.gateNames.enumerated().map { k, name in
        "\(name) = ["
          + l.gates[(k * H)..<((k + 1) * H)].map { NumberFormat.short($0, digits: 2) }.joined(
            separator: ", ") + "]"
      }.joined(separator: "\n")
    case "gradients", "grad":
      guard bptt != nil, let norms = gradientNorms(layer: top) else {
        return "no gradients: run backward first"
      }
      let values = norms.map { $0.map { NumberFormat.scientific($0) } ?? "·" }
      var out =
        "\(measure.title), t = \(firstKept + 1)…\(firstKept + values.count): "
        + values.joined(separator: " ")
      let finite = norms.compactMap { $0 }.filter { $0 > 0 }
      if finite.count >= 2, let first = norms.first ?? nil, let last = norms.last ?? nil, first > 0,
        last > 0
      {
        let rate = pow(first / last, 1 / Double(norms.count - 1))
        out +=
          "\nper step back the gradient is multiplied by about \(NumberFormat.short(rate)) (from t=\(firstKept + norms.count) to t=\(firstKept + 1): \(NumberFormat.scientific(first / last)))"
      }
      return out
    case "loss":
      return
        "Σ L = \(NumberFormat.short(pass.totalLoss)) over \(pass.steps.filter { $0.loss != nil }.count) targets"
    case "spectrum":
      let w = Spectral.block(
        model.parameters.layers[0].weightHH, gate: config.cell == .rnn ? 0 : 2,
        hidden: config.hiddenSize)
      let f = Spectral.figures(w)
      let eig = (Spectral.eigenvalues(w) ?? []).sorted { $0.magnitude > $1.magnitude }.prefix(6)
      return
        "ρ = \(NumberFormat.short(f.radius)), σ_max = \(NumberFormat.short(f.sigmaMax)); largest eigenvalues: "
        + eig.map {
          "\(NumberFormat.short($0.re))\($0.im >= 0 ? "+" : "-")\(NumberFormat.short(abs($0.im)))i"
        }.joined(separator: ", ")
    case "sequence":
      let xs = (0..<maxSteps).map { inputLabel($0) }.joined(separator: " ")
      let ys = (0..<maxSteps).map { targetLabel($0) ?? "·" }.joined(separator: " ")
      return "inputs:  \(xs)\ntargets: \(ys)"
    case "training":
      guard !history.isEmpty else { return "not trained yet" }
      return
        "step \(trainedSteps): loss \(NumberFormat.short(history.loss.last!)), ‖∇‖ \(NumberFormat.scientific(history.gradNorm.last!))"
        + ((history.accuracy.last ?? nil).map { ", accuracy \(NumberFormat.short($0, digits: 2))" }
          ?? "")
    default: return nil
    }
  }

  public static let reports = [
    "model", "step", "h", "c", "gates", "gradients", "loss", "spectrum", "sequence", "training",
  ]

  // MARK: - Weights and sessions

  public func saveWeights(to path: String) throws {
    try ModelWeights.save(
      model, to: path, dtype: .f64, extraMetadata: ModelWeights.metadata(for: task))
  }

  /// Loads weights that fit the current task (input and output sizes); the steps are replayed.
  public mutating func loadWeights(from path: String) throws {
    try adopt(ModelWeights.load(path: path), file: path)
  }

  /// Takes a loaded model when it fits the task and the visualizer's limits; the steps are replayed.
  mutating func adopt(_ m: Model, file path: String) throws {
    guard m.config.tokenCount == task.inputSize, m.config.outputSize == task.outputSize else {
      throw WeightsError(
        file: path, tensor: nil,
        problem:
          "the model reads \(m.config.inputSize) and predicts \(m.config.outputSize); this task needs \(task.inputSize) and \(task.outputSize)"
      )
    }
    let c = m.config
    guard Limits.hidden.contains(c.hiddenSize), Limits.layers.contains(c.numLayers) else {
      throw WeightsError(
        file: path, tensor: nil,
        problem: "hidden \(c.hiddenSize) × \(c.numLayers) layers; the visualizer "
          + "takes hidden \(Limits.hidden.bounds) and layers \(Limits.layers.bounds)")
    }
    let need = ScopeState.estimatedBytes(c, steps: maxSteps, batch: options.batch)
    if let refusal = ResourceEstimate.refusal(need) {
      throw WeightsError(file: path, tensor: nil, problem: refusal)
    }
    stopTraining()
    deferredModel = nil
    model = m
    options.cell = m.config.cell
    options.hidden = m.config.hiddenSize
    options.layers = m.config.numLayers
    options.activation = m.config.activation
    replay()
    moveCursor(to: cursor)
  }
}

extension ScopeState {
  /// Saves the session as one unit: the weights to NAME.<16 hex digits>.safetensors (a name no other save
  /// uses), then NAME.json naming them and their checksum, each written atomically. Renaming the JSON into
  /// place is the save: a failure before it leaves the previous session whole; after it, the weights files
  /// of earlier saves of this name are removed. Saves into one folder take turns (an exclusive lock on
  /// the folder), so none removes weights another is about to name; loads need no lock.
  public func saveSession(to base: String) throws {
    let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : base
    let jsonPath = stem + ".json"
    // NAME.<16 random hex digits>.safetensors, NAME shortened where the whole would pass 255 bytes.
    var prefix = URL(fileURLWithPath: stem).lastPathComponent
    let fullName = prefix
    let suffix = "." + String(format: "%016llx", UInt64.random(in: 0...UInt64.max)) + ".safetensors"
    if prefix.utf8.count + suffix.utf8.count > 255 {
      // Shortened, with a hash of the whole name, so two long names never share a prefix (and a sweep).
      let tag = "~" + SessionFile.checksum(Data(fullName.utf8)).prefix(8)
      while prefix.utf8.count + tag.utf8.count + suffix.utf8.count > 255 { prefix.removeLast() }
      prefix += tag
    }
    let weightsName = prefix + suffix
    let folder = URL(fileURLWithPath: jsonPath).deletingLastPathComponent()
    let weightsPath = folder.appendingPathComponent(weightsName).path
    let weightsData = try ModelWeights.encoded(
      model, dtype: .f64, extraMetadata: ModelWeights.metadata(for: task),
      file: jsonPath)
    let checksum = SessionFile.checksum(weightsData)
    let lock = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if lock >= 0 { _ = flock(lock, LOCK_EX) }
    defer {
      if lock >= 0 {
        _ = flock(lock, LOCK_UN)
        close(lock)
      }
    }
    try writeAtomically(weightsData, to: weightsPath)
    let o = options
    var file = SessionFile(
      cell: o.cell.rawValue, activation: o.activation.rawValue, hidden: o.hidden, layers: o.layers,
      seed: o.seed,
      initScheme: o.initialization.scheme.rawValue, radius: o.initialization.radius,
      forgetBias: o.initialization.forgetBias, task: o.task?.rawValue, length: o.length,
      delay: o.delay,
      alphabet: o.alphabet, text: o.text, optimizer: o.optimizer.rawValue,
      learningRate: o.learningRate,
      clip: o.clip, batch: o.batch, stepsTaken: stepsTaken, cursor: cursor,
      measure: measure.rawValue,
      trainedSteps: trainedSteps, example: nil, exampleTargets: nil,
      weights: weightsName, weightsChecksum: checksum)
    if o.task != nil {
      file.example = example.inputs.map {
        if case .token(let k) = $0 {
          return [Double(k)]
        } else if case .vector(let v) = $0 {
          return v
        } else {
          return []
        }
      }
      file.exampleTargets = example.targets.map { t in
        switch t {
        case .index(let k)?: return [Double(k)]
        case .vector(let v)?: return v
        case nil: return nil
        }
      }
    }
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      try writeAtomically(try enc.encode(file), to: jsonPath)
    } catch {
      // The previous JSON still names its own weights; these new ones belong to nothing.
      unlink(weightsPath)
      throw error
    }
    // Earlier saves' weights (NAME.<16 hex>.safetensors), and any a save that died before its JSON left.
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    where name != weightsName && ScopeState.isSavedWeightsName(name, prefix: prefix) {
      unlink(folder.appendingPathComponent(name).path)
    }
  }

  /// Whether `name` is PREFIX.<16 hex digits>.safetensors, as a session save names its weights.
  static func isSavedWeightsName(_ name: String, prefix: String) -> Bool {
    guard name.hasPrefix(prefix + "."), name.hasSuffix(".safetensors") else { return false }
    let middle = name.dropFirst(prefix.count + 1).dropLast(".safetensors".count)
    return middle.count == 16 && middle.allSatisfy(\.isHexDigit)
  }

  /// Loads NAME.json and its weights; nothing changes unless both load. A save by another process in the
  /// meantime (its JSON naming other weights, the old ones removed) is met by reading the JSON again.
  /// `interactive`: the state is driven by a frame loop, so a long replay of its steps runs in slices.
  public static func loadSession(from base: String, interactive: Bool = false) throws -> ScopeState
  {
    var attempt = 0
    while true {
      do {
        return try loadSessionOnce(from: base, interactive: interactive)
      } catch let e as SessionRace {
        // Only a JSON that changed meanwhile (another save) is worth reading again.
        attempt += 1
        let now = try? readBounded(e.jsonPath, limit: SessionFile.maxBytes, what: "a session file")
        if attempt >= 50 || now == e.json { throw e.error }
        usleep(10_000)
      }
    }
  }

  /// A session whose weights were missing or not its own when read: worth reading again.
  struct SessionRace: Error {
    let error: Error
    let jsonPath: String
    let json: Data
  }

  private static func loadSessionOnce(from base: String, interactive: Bool) throws -> ScopeState {
    let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : base
    let path = stem + ".json"
    let data: Data
    do {
      data = try readBounded(path, limit: SessionFile.maxBytes, what: "a session file")
    } catch let e as FileProblem {
      throw SessionError(path: path, problem: e.problem)
    }
    let f = try SessionFile.decode(data, path: path)
    let o = try f.options(path: path)
    var s: ScopeState
    do { s = try ScopeState(options: o) } catch {
      throw SessionError(path: path, problem: "\(error)")
    }
    if let saved = try f.savedExample(for: s.task, path: path) { s.example = saved }
    let progress = try f.progress(maxSteps: s.maxSteps, cell: o.cell, path: path)
    let weightsPath = try f.weightsPath(besides: path)
    let weightsData: Data
    do {
      weightsData = try readBounded(
        weightsPath, limit: SafeTensors.maxFileBytes, what: "a weights file")
    } catch let e as FileProblem {
      let error = WeightsError(file: weightsPath, tensor: nil, problem: e.problem)
      if e.problem == "no such file" && f.weightsChecksum != nil {
        throw SessionRace(error: error, jsonPath: path, json: data)
      }
      throw error
    }
    if let expected = f.weightsChecksum, SessionFile.checksum(weightsData) != expected {
      let error = SessionError(
        path: path,
        problem: "its weights \(f.weights) are not the ones it was saved with "
          + "(checksum \(SessionFile.checksum(weightsData)), expected \(expected))")
      throw SessionRace(error: error, jsonPath: path, json: data)
    }
    let m = try ModelWeights.model(
      from: SafeTensors.decode(weightsData, file: weightsPath), file: weightsPath)
    if let problem = f.mismatch(m.config, o) { throw SessionError(path: path, problem: problem) }
    try s.adopt(m, file: weightsPath)
    s.pass = s.newPass()
    s.measure = progress.measure
    s.trainedSteps = f.trainedSteps
    s.message = nil
    s.interactive = interactive
    s.stepForward(to: progress.steps, label: "replaying the session", cursorAfter: progress.cursor)
    return s
  }
}
