import Foundation
import RNNCore
import RNNFormats

extension ScopeState {
  /// Saves the session as one unit: the weights to NAME.<16 hex digits>.safetensors (a name no
  /// other save uses), then NAME.json naming them and their checksum, each written atomically.
  /// Renaming the JSON into place is the save: a failure before it leaves the previous session
  /// whole; after it, the weights files of earlier saves of this name are removed. Saves into one
  /// folder take turns (an exclusive lock on the folder), so none removes weights another is about
  /// to name; loads need no lock.
  public func saveSession(to base: String) throws {
    let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : base
    let jsonPath = stem + ".json"
    // NAME.<16 random hex digits>.safetensors, NAME shortened where the whole would pass 255 bytes.
    var prefix = URL(fileURLWithPath: stem).lastPathComponent
    let fullName = prefix
    let suffix = "." + String(format: "%016llx", UInt64.random(in: 0...UInt64.max)) + ".safetensors"
    if prefix.utf8.count + suffix.utf8.count > 255 {
      // Shortened, with a hash of the whole name, so two long names never share a prefix (and a
      // sweep).
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
      alphabet: o.alphabet, bits: o.bits, text: o.text, optimizer: o.optimizer.rawValue,
      learningRate: o.learningRate,
      clip: o.clip, batch: o.batch, stepsTaken: stepsTaken, cursor: cursor,
      measure: measure.rawValue,
      trainedSteps: trainedSteps, example: nil, exampleTargets: nil,
      weights: weightsName, weightsChecksum: checksum, view: SessionView(view))
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
    // Earlier saves' weights (NAME.<16 hex>.safetensors), and any a save that died before its JSON
    // left.
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

  /// Loads NAME.json and its weights; nothing changes unless both load. A save by another process
  /// in the meantime (its JSON naming other weights, the old ones removed) is met by reading the
  /// JSON again. `interactive`: the state is driven by a frame loop, so a long replay of its steps
  /// runs in slices.
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
    if let saved = try f.savedExample(for: s.task, path: path) { s.session.example = saved }
    let progress = try f.progress(maxSteps: s.maxSteps, cell: o.cell, path: path)
    try f.view?.apply(to: &s.view, path: path)
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
    s.session.pass = s.session.newPass()
    s.view.measure = progress.measure
    s.training.trainedSteps = f.trainedSteps
    s.view.message = nil
    s.interactive = interactive
    s.stepForward(to: progress.steps, label: "replaying the session", cursorAfter: progress.cursor)
    return s
  }
}
