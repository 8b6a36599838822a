import Foundation
import Testing

@testable import RNNCore
@testable import RNNFormats
@testable import RNNScopeApp

/// Saved sessions as untrusted input, and saves that never lose the last good session.
struct SessionFileTests {
  static func scratch(_ name: String) throws -> String {
    let dir =
      NSTemporaryDirectory() + "rnnscope-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  /// A state set up by commands (headless), or a recorded issue.
  static func state(_ lines: [String], in dir: String) throws -> ScopeState {
    var s = try ScopeState()
    let ctx = CommandContext(headless: true, directory: dir)
    for line in lines {
      if case .error(let e) = CommandLanguage.execute(line, on: &s, context: ctx) {
        Issue.record("\(line): \(e)")
      }
    }
    return s
  }

  static func files(_ dir: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for f in try FileManager.default.contentsOfDirectory(atPath: dir) {
      out[f] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f))
    }
    return out
  }

  /// Each field set to a value the command language refuses, with what the refusal must name.
  static var crafted: [(task: String, field: String, value: Any, needle: String)] {
    [
      (
        "copy", "exampleTargets[25]", [999.0],
        "field \"exampleTargets[25]\" is [999.0]; allowed: one whole number from 0 to"
      ),
      (
        "copy", "example[0]", [1e300], "field \"example[0]\" is [1e+300]; allowed: one whole number"
      ),
      ("copy", "example[1]", [2.5], "field \"example[1]\" is [2.5]; allowed: one whole number"),
      ("copy", "stepsTaken", -1, "field \"stepsTaken\" is -1; allowed: from 0 to"),
      ("copy", "stepsTaken", 1_000_000, "field \"stepsTaken\" is 1000000; allowed: from 0 to"),
      ("copy", "trainedSteps", -1, "field \"trainedSteps\" is -1"),
      (
        "copy", "trainedSteps", Int.max,
        "field \"trainedSteps\" is 9223372036854775807; allowed: from 0 to 1000000000000"
      ),
      (
        "copy", "seed", 5_000_000_000, "field \"seed\" is 5000000000; allowed: from 0 to 2147483647"
      ),
      ("copy", "cell", "lstm", "hold RNN (tanh), 1 layer"),
      ("copy", "hidden", 5, "the session describes rnn, hidden 5, 1 layer, tanh"),
      ("copy", "activation", "relu", "the session describes rnn, hidden 4, 1 layer, relu"),
      ("copy", "cursor", 99, "field \"cursor\" is 99"),
      ("copy", "batch", -5, "field \"batch\" is -5; allowed: from 1 to 1024"),
      ("copy", "batch", 0, "field \"batch\" is 0; allowed: from 1 to 1024"),
      ("copy", "learningRate", -1, "field \"learningRate\" is -1.0; allowed: > 0 and ≤ 100"),
      ("copy", "clip", -1, "field \"clip\" is -1.0; allowed: ≥ 0"),
      ("copy", "radius", 1e308, "field \"radius\" is 1e+308; allowed: > 0 and ≤ 100"),
      ("copy", "hidden", 9999, "field \"hidden\" is 9999; allowed: from 1 to 512"),
      ("copy", "layers", 0, "field \"layers\" is 0; allowed: from 1 to 4"),
      ("copy", "alphabet", 1000, "field \"alphabet\" is 1000; allowed: from 2 to 36"),
      ("copy", "measure", "cell", "field \"measure\" is \"cell\"; allowed: last, total"),
      ("copy", "measure", "sideways", "field \"measure\" is \"sideways\""),
      ("copy", "cell", "\u{1B}[2J", "field \"cell\" is \"\\u{1B}[2J\""),
      (
        "copy", "weights", "../../etc/passwd",
        "field \"weights\" is \"../../etc/passwd\"; allowed: a file name"
      ),
      ("copy", "version", 2, "field \"version\" is 2"),
      ("copy", "hidden", 1e300, "field \"hidden\" is 1e+300; allowed: a whole number"),
      ("copy", "hidden", "many", "field \"hidden\" has the wrong type"),
      ("copy", "example", [[1.0], [2.0]], "field \"example\" has 2 inputs"),
      ("adding", "example[0]", [0.5], "field \"example[0]\" has 1 values; allowed: 2 finite"),
      ("adding", "exampleTargets[2]", [1.0, 2.0], "field \"exampleTargets[2]\" has 2 values"),
    ]
  }

  @Test(arguments: crafted.indices)
  func aCraftedSessionIsRefusedFieldByFieldAndChangesNothing(_ i: Int) throws {
    let c = Self.crafted[i]
    let dir = try Self.scratch("crafted")
    let saved = try Self.state(
      ["task \(c.task) length=3", "model hidden=4", "step 2", "save session s"], in: dir)
    let url = URL(fileURLWithPath: dir + "/s.json")
    var obj = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    // "field[k]": entry k of an array field.
    if let open = c.field.firstIndex(of: "["),
      let k = Int(c.field[c.field.index(after: open)...].dropLast())
    {
      let name = String(c.field[..<open])
      var array = try #require(obj[name] as? [Any])
      array[k] = c.value
      obj[name] = array
    } else {
      obj[c.field] = c.value
    }
    try JSONSerialization.data(withJSONObject: obj).write(to: url)
    let before = try Self.files(dir)
    var s = try Self.state(["model cell=gru hidden=3", "step 4"], in: dir)
    let (model, steps) = (s.model, s.stepsTaken)
    let r = CommandLanguage.execute(
      "load session s", on: &s, context: CommandContext(headless: true, directory: dir))
    guard case .error(let e) = r else {
      Issue.record("\(c.field) = \(c.value) accepted")
      return
    }
    #expect(e.contains(dir + "/s.json: "), "\(e)")
    #expect(e.contains(c.needle), "\(c.field): \(e)")
    #expect(!e.contains("\u{1B}"), "control characters are shown escaped")
    #expect(s.model == model && s.stepsTaken == steps, "a failed load changes nothing")
    #expect(try Self.files(dir) == before, "a failed load writes nothing")
    #expect(saved.stepsTaken == 2)
  }

  @Test func aSessionSavedAgainReplacesItsWeightsAndLeavesNothingElse() throws {
    let dir = try Self.scratch("resave")
    var s = try Self.state(["task echo delay=2 length=6", "model hidden=4"], in: dir)
    let ctx = CommandContext(headless: true, directory: dir)
    _ = CommandLanguage.execute("save session s", on: &s, context: ctx)
    _ = CommandLanguage.execute("train 3", on: &s, context: ctx)
    _ = CommandLanguage.execute("save session s", on: &s, context: ctx)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(names.count == 2 && names.contains("s.json"), "\(names)")
    var t = try ScopeState()
    guard case .message = CommandLanguage.execute("load session s", on: &t, context: ctx) else {
      Issue.record("load")
      return
    }
    #expect(t.model == s.model && t.trainedSteps == 3)
  }

  /// Mounting a small tmpfs needs root (CI runs as root).
  @Test(.enabled(if: getuid() == 0, "needs root to mount a tmpfs"))
  func aFullDiskLeavesThePreviousSessionLoadable() throws {
    let dir = try Self.scratch("fulldisk")
    guard mountSmallDisk(dir, kilobytes: 64) else {
      Issue.record("cannot mount a tmpfs at \(dir)")
      return
    }
    defer { _ = umount2(dir, 0) }
    let ctx = CommandContext(headless: true, directory: dir)
    var small = try Self.state(["task echo delay=2 length=6", "model hidden=4", "step 3"], in: dir)
    guard case .message = CommandLanguage.execute("save session s", on: &small, context: ctx) else {
      Issue.record("first save")
      return
    }
    let before = try Self.files(dir)
    // A sine of 1,000 steps: the weights fit, then the JSON (~80 KB of sequence) does not. Hidden
    // 200: the weights (~330 KB) do not.
    for setup in ["task sine length=1000", "model hidden=200"] {
      var big = try Self.state(["task echo delay=2 length=6", setup], in: dir)
      guard case .error(let e) = CommandLanguage.execute("save session s", on: &big, context: ctx)
      else {
        Issue.record("a save after \(setup) fitted in 64 KB")
        continue
      }
      #expect(e.contains("No space left on device"), "\(e)")
      #expect(
        try Self.files(dir) == before,
        "the previous session's files are untouched, no temporary is left")
      var t = try ScopeState()
      guard case .message = CommandLanguage.execute("load session s", on: &t, context: ctx) else {
        Issue.record("reload")
        continue
      }
      #expect(t.model == small.model && t.stepsTaken == 3)
    }
  }

  @Test func concurrentSavesAndLoadsNeverPairMismatchedFiles() async throws {
    let dir = try Self.scratch("concurrent")
    let a = try Self.state(["task echo delay=2 length=6", "model hidden=3"], in: dir)
    let b = try Self.state(["task echo delay=2 length=6", "model cell=gru hidden=5"], in: dir)
    try a.saveSession(to: dir + "/s")
    let loads = await withTaskGroup(of: [String].self) { group -> [String] in
      for saver in [a, b] {
        group.addTask {
          for _ in 0..<60 { try? saver.saveSession(to: dir + "/s") }
          return []
        }
      }
      group.addTask {
        var seen: [String] = []
        for _ in 0..<120 {
          do {
            let t = try ScopeState.loadSession(from: dir + "/s")
            seen.append(t.model == a.model ? "a" : t.model == b.model ? "b" : "mismatch")
          } catch { seen.append("error: \(error)") }
        }
        return seen
      }
      var all: [String] = []
      for await r in group { all += r }
      return all
    }
    #expect(loads.count == 120)
    #expect(
      loads.allSatisfy { $0 == "a" || $0 == "b" },
      "\(loads.filter { $0 != "a" && $0 != "b" }.prefix(3))")
  }

  @Test func loadWeightsKeepsToTheVisualizersLimits() throws {
    let dir = try Self.scratch("limits")
    var s = try Self.state(["task echo delay=2 length=6"], in: dir)
    let c = ModelConfig(
      cell: .rnn, inputSize: s.task.inputSize, hiddenSize: 600, outputSize: s.task.outputSize)
    try ModelWeights.save(Model(config: c, seed: 1), to: dir + "/big.safetensors")
    let before = s.model
    let r = CommandLanguage.execute(
      "load weights big.safetensors", on: &s,
      context: CommandContext(headless: true, directory: dir))
    guard case .error(let e) = r else {
      Issue.record("hidden 600 loaded")
      return
    }
    #expect(e.contains("hidden 600 × 1 layers; the visualizer takes hidden from 1 to 512"), "\(e)")
    #expect(s.model == before)
  }

  @Test func weightsNotTheirOwnAreRefusedAtOnce() throws {
    let dir = try Self.scratch("checksum")
    var s = try Self.state(
      ["task echo delay=2 length=6", "model hidden=4", "save session s"], in: dir)
    let f = try JSONDecoder().decode(
      SessionFile.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/s.json")))
    let url = URL(fileURLWithPath: dir + "/" + f.weights)
    var bytes = try Data(contentsOf: url)
    bytes[bytes.count - 1] ^= 1  // one bit of the last weight
    try bytes.write(to: url)
    let r = CommandLanguage.execute(
      "load session s", on: &s, context: CommandContext(headless: true, directory: dir))
    guard case .error(let e) = r else {
      Issue.record("altered weights loaded")
      return
    }
    #expect(e.contains("are not the ones it was saved with"), "\(e)")
  }

  @Test func twoLongNamesSharingTheirStartKeepTheirOwnWeights() throws {
    let dir = try Self.scratch("longpair")
    let ctx = CommandContext(headless: true, directory: dir)
    let common = String(repeating: "n", count: 240)
    var a = try Self.state(["task echo delay=2 length=6", "model hidden=4"], in: dir)
    var b = try Self.state(["task echo delay=2 length=6", "model cell=gru hidden=3"], in: dir)
    for _ in 0..<2 {
      guard
        case .message = CommandLanguage.execute(
          "save session \(common)aaaaaaaaaa", on: &a, context: ctx),
        case .message = CommandLanguage.execute(
          "save session \(common)bbbbbbbbbb", on: &b, context: ctx)
      else {
        Issue.record("save")
        return
      }
    }
    var t = try ScopeState()
    guard
      case .message = CommandLanguage.execute(
        "load session \(common)aaaaaaaaaa", on: &t, context: ctx),
      t.model == a.model
    else {
      Issue.record("a's weights went")
      return
    }
    guard
      case .message = CommandLanguage.execute(
        "load session \(common)bbbbbbbbbb", on: &t, context: ctx),
      t.model == b.model
    else {
      Issue.record("b's weights went")
      return
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 4)
  }

  @Test func aLongLegalNameSaves() throws {
    let dir = try Self.scratch("long")
    var s = try Self.state(["task echo delay=2 length=6", "model hidden=4"], in: dir)
    let name = String(repeating: "n", count: 250)  // NAME.json: 255 bytes, the longest legal name
    let ctx = CommandContext(headless: true, directory: dir)
    guard case .message = CommandLanguage.execute("save session \(name)", on: &s, context: ctx)
    else {
      Issue.record("save")
      return
    }
    guard case .message = CommandLanguage.execute("save weights \(name).st", on: &s, context: ctx)
    else {
      Issue.record("weights")
      return
    }
    var t = try ScopeState()
    guard case .message = CommandLanguage.execute("load session \(name)", on: &t, context: ctx)
    else {
      Issue.record("load")
      return
    }
    #expect(t.model == s.model)
  }
}

/// Mounts a tmpfs of `kilobytes` at `dir` (root only).
func mountSmallDisk(_ dir: String, kilobytes: Int) -> Bool {
  mount("tmpfs", dir, "tmpfs", 0, "size=\(kilobytes)k") == 0
}
