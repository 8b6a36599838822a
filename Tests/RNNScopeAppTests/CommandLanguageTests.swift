import Foundation
import Testing

@testable import RNNCore
@testable import RNNFormats
@testable import RNNScopeApp

/// The command language: every command, its errors, and saving and loading sessions.
struct CommandLanguageTests {
  let headless = CommandContext(headless: true, directory: NSTemporaryDirectory())

  func run(_ lines: [String], _ s: inout ScopeState) -> [CommandResult] {
    lines.map { CommandLanguage.execute($0, on: &s, context: headless) }
  }

  func text(_ r: CommandResult) -> String {
    switch r {
    case .message(let m), .say(let m), .error(let m): return m
    case .pause: return "<pause>"
    case .quit: return "<quit>"
    }
  }

  @Test func everyCommandHasHelpAndCompletes() {
    var s = try! ScopeState()
    for spec in CommandLanguage.definitions {
      guard case .message(let m) = CommandLanguage.execute("help \(spec.name)", on: &s) else {
        Issue.record("help \(spec.name)")
        continue
      }
      #expect(m.hasPrefix(spec.usage))
    }
    #expect(Set(CommandLanguage.completions([])) == Set(CommandLanguage.definitions.map(\.name)))
    #expect(CommandLanguage.completions(["show"]).contains("gradients"))
    #expect(CommandLanguage.completions(["model"]).contains("hidden="))
    #expect(CommandLanguage.completions(["nonsense"]).isEmpty)
  }

  @Test func steppingCommandsAndReports() throws {
    var s = try ScopeState()
    let r = run(
      [
        "step 5", "back 2", "cursor 2", "show step", "show h", "show loss", "show sequence",
        "show model",
        "pad 2", "show h", "run", "backward", "show gradients", "show spectrum", "reset",
      ], &s)
    #expect(text(r[0]).contains("stepped 5"))
    #expect(text(r[1]) == "back to step 3")
    #expect(text(r[2]) == "cursor at step 2")
    #expect(text(r[3]).hasPrefix("step 2 of 3: input h, target e"))
    #expect(text(r[4]).hasPrefix("h_2 = ["))
    #expect(text(r[5]).hasPrefix("Σ L = "))
    #expect(text(r[6]).hasPrefix("inputs:  t h e"))
    #expect(text(r[7]).contains("rnn.weight_hh_l0: h ρ="))
    #expect(text(r[8]).contains("2 padded steps"))
    #expect(text(r[10]).contains("ran to the end: 73 steps"))
    #expect(text(r[12]).contains("t = 1…73"))
    #expect(text(r[12]).contains("per step back the gradient is multiplied by about"))
    #expect(text(r[13]).hasPrefix("ρ = "))
    #expect(s.stepsTaken == 0)
  }

  @Test func paddedStepsKeepTheState() throws {
    var s = try ScopeState()
    _ = run(["step 3", "pad 2"], &s)
    #expect(s.pass.steps[4].hidden == s.pass.steps[2].hidden)
    #expect(s.pass.steps[3].loss == nil && s.pass.steps[4].loss == nil)
  }

  @Test func truncatedBackwardAndViewOptions() throws {
    var s = try ScopeState()
    let r = run(
      [
        "step 20", "backward k1=5 k2=5", "show gradients", "backward k1=5",
        "set focus=spectrum zoom=on speed=2",
        "set zoom=maybe", "set focus=nowhere",
      ], &s)
    #expect(text(r[1]).contains("BPTT over 20 steps"))
    // The measure stays: the last loss's gradient is cut at its window's edge too (step 16).
    #expect(s.measure == .last)
    #expect(
      s.bptt!.lastLossHiddenGradNorms[0][14] == 0 && s.bptt!.lastLossHiddenGradNorms[0][15] > 0)
    if case .error(let e) = r[3] {
      #expect(e.contains("k1=N and k2=N"))
    } else {
      Issue.record("k1 alone accepted")
    }
    #expect(s.focus == .spectrum && s.zoomed && s.speed == ViewState.speeds[1])
    if case .error(let e) = r[5] {
      #expect(e.contains("zoom must be on or off"))
    } else {
      Issue.record("zoom=maybe accepted")
    }
    if case .error(let e) = r[6] {
      #expect(e.contains("unknown panel 'nowhere'"))
    } else {
      Issue.record("focus accepted")
    }
  }

  @Test func trainingHeadlessIsSynchronousAndSampleNeedsText() throws {
    var s = try ScopeState()
    let r = run(
      [
        "task echo delay=2 length=10 alphabet=3", "model hidden=8", "set lr=0.02 batch=8",
        "train 30", "show training",
        "sample 10", "text hello there, hello world", "sample 12 temperature=0.5 prime=hel lo",
      ], &s)
    #expect(text(r[3]).hasPrefix("trained 30 steps (30 in all)"))
    #expect(text(r[4]).hasPrefix("step 30: loss"))
    if case .error(let e) = r[5] {
      #expect(e.contains("needs a text model"))
    } else {
      Issue.record("sample on echo")
    }
    #expect(text(r[6]).contains("reading 24 characters"))
    #expect(text(r[7]).hasPrefix("hel lo"))
    #expect(text(r[7]).count == 6 + 12)
  }

  @Test func sayPauseQuitAndComments() throws {
    var s = try ScopeState()
    #expect(CommandLanguage.execute("say Hello,   world!", on: &s) == .say("Hello,   world!"))
    #expect(CommandLanguage.execute("pause", on: &s) == .pause)
    #expect(CommandLanguage.execute("# a comment", on: &s) == .message(""))
    #expect(CommandLanguage.execute("   ", on: &s) == .message(""))
    #expect(CommandLanguage.execute("quit", on: &s) == .quit)
  }

  @Test(arguments: [
    ("flarp", "unknown command 'flarp'"), ("stpe", "did you mean step?"),
    ("step x", "N must be a whole number"),
    ("back 0", "N must be a whole number"), ("model cell=cnn", "unknown cell 'cnn'"),
    ("model hidden=100000", "from 1 to 512"),
    ("model layers=9", "from 1 to 4"), ("model activation=gelu", "unknown activation 'gelu'"),
    ("model colour=red", "has no option 'colour'"),
    ("task", "usage: task"), ("task chess", "unknown task 'chess'"),
    ("task echo delay=40 length=20", "greater than delay="),
    ("init", "usage: init"), ("init kaiming", "unknown initialisation 'kaiming'"),
    ("init xavier radius=-1", "radius must be > 0"),
    ("set", "usage: set"), ("set lr=0", "lr must be > 0"), ("set clip=-1", "clip must be ≥ 0"),
    ("set optimizer=lbfgs", "unknown optimizer"),
    ("set measure=sideways", "unknown measure"), ("show", "usage: show"),
    ("show everything", "nothing called 'everything'"),
    ("cursor 1", "no steps taken yet"), ("text a", "at least two characters"),
    ("save", "usage: save"), ("load weights", "usage: load"),
    ("load weights /nonexistent.safetensors", "no such file"),
    ("load session /nonexistent", "no such file"),
    ("help flarp", "no command 'flarp'"), ("train x", "N must be a whole number"),
  ])
  func errorsSayWhatIsWrong(_ line: String, _ needle: String) throws {
    var s = try ScopeState()
    let before = s.model
    guard case .error(let e) = CommandLanguage.execute(line, on: &s, context: headless) else {
      Issue.record("\(line) accepted")
      return
    }
    #expect(e.contains(needle), "\(line): \(e)")
    #expect(s.model == before, "an error leaves the model as it was")
  }

  /// `task flipflop bits=N` sets the channels (input and output sizes); `bits=` is refused for
  /// other tasks; a saved session keeps them.
  @Test func flipFlopBits() throws {
    var s = try ScopeState()
    guard case .message = CommandLanguage.execute("task flipflop bits=2", on: &s) else {
      Issue.record("task flipflop bits=2")
      return
    }
    #expect(s.task.bits == 2 && s.config.inputSize == 2 && s.config.outputSize == 2)
    _ = CommandLanguage.execute("model hidden=8", on: &s)
    #expect(s.task.bits == 2, "a new model keeps the task's channels")
    guard case .error(let e) = CommandLanguage.execute("task echo bits=2", on: &s) else {
      Issue.record("bits for echo")
      return
    }
    #expect(e.contains("bits= applies to task flipflop"))
    guard case .error(let big) = CommandLanguage.execute("task flipflop bits=17", on: &s) else {
      Issue.record("bits=17")
      return
    }
    #expect(big.contains("bits") && big.contains("16"), "\(big)")
    let dir = NSTemporaryDirectory() + "rnnscope-bits-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let ctx = CommandContext(headless: true, directory: dir)
    _ = CommandLanguage.execute("save session ff", on: &s, context: ctx)
    var t = try ScopeState()
    _ = CommandLanguage.execute("load session ff", on: &t, context: ctx)
    #expect(t.task.bits == 2 && t.model == s.model)
    _ = CommandLanguage.execute("task flipflop", on: &t)
    #expect(t.task.bits == 3, "without bits=, the default")
  }

  @Test func sessionsSaveAndLoadWhole() throws {
    let dir =
      NSTemporaryDirectory() + "rnnscope-session-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var s = try ScopeState()
    let ctx = CommandContext(headless: true, directory: dir)
    for line in [
      "task copy delay=3 length=3 alphabet=4", "model cell=gru hidden=6 layers=2",
      "set lr=0.01 batch=4", "train 5",
      "step 7", "cursor 4", "set measure=total", "save session lesson",
    ] {
      let r = CommandLanguage.execute(line, on: &s, context: ctx)
      if case .error(let e) = r { Issue.record("\(line): \(e)") }
    }
    #expect(FileManager.default.fileExists(atPath: dir + "/lesson.json"))
    // The weights sit beside it under a name of that save's own; the JSON records it and their
    // checksum.
    let saved = try JSONDecoder().decode(
      SessionFile.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/lesson.json")))
    #expect(
      saved.weights.hasPrefix("lesson.") && saved.weights.hasSuffix(".safetensors")
        && saved.weights.count == 35)
    let weightsData = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + saved.weights))
    #expect(saved.weightsChecksum == SessionFile.checksum(weightsData))
    #expect(FileManager.default.fileExists(atPath: dir + "/" + saved.weights))
    var t = try ScopeState()
    guard
      case .message(let m) = CommandLanguage.execute("load session lesson", on: &t, context: ctx)
    else {
      Issue.record("load failed")
      return
    }
    #expect(m.contains("GRU, 2 layers"))
    #expect(t.model == s.model)
    #expect(t.example == s.example)
    #expect(t.stepsTaken == 7 && t.cursor == 3 && t.measure == .total && t.trainedSteps == 5)
    #expect(t.pass.steps.map(\.hidden) == s.pass.steps.map(\.hidden))
    // Weights alone round-trip too, and refuse a model that does not fit the task.
    _ = CommandLanguage.execute("save weights w.safetensors", on: &s, context: ctx)
    var u = try ScopeState()
    guard
      case .error(let e) = CommandLanguage.execute(
        "load weights w.safetensors", on: &u, context: ctx)
    else {
      Issue.record("misfit accepted")
      return
    }
    #expect(e.contains("the model reads 6 and predicts 6; this task has 29 input values"))
  }

  @Test func aFailedSaveLeavesThePreviousSaveIntact() throws {
    let dir =
      NSTemporaryDirectory() + "rnnscope-atomic-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/state.json"
    try writeAtomically(Data("first version".utf8), to: path)
    #expect(throws: WeightsError.self) {
      try writeAtomically(
        Data(String(repeating: "second version ", count: 100).utf8), to: path,
        simulateFailureAfter: 40)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "first version")
    // no temporary left behind
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["state.json"])
  }

  @Test func aPresentationStopsAtEachPauseAndReportsErrorsWithTheirLine() throws {
    var s = try ScopeState()
    var p = Presentation(
      script: SessionScript(
        file: "demo.rnns",
        text: "# title\nstep 2\nsay one\npause\n\nstep 3\nsay two\npause\nstep 1\n"))
    #expect(p.pauses == 2)
    #expect(p.advance(&s) == nil)
    #expect(s.stepsTaken == 2 && s.narration == "one")
    #expect(p.advance(&s) == nil)
    #expect(s.stepsTaken == 5 && s.narration == "two")
    #expect(p.advance(&s) == nil)
    #expect(p.finished && s.stepsTaken == 6)
    var q = Presentation(
      script: SessionScript(file: "bad.rnns", text: "step 2\n\nmodel hidden=0\nstep 1\n"))
    #expect(q.advance(&s) == "bad.rnns:3: hidden must be a whole number from 1 to 512 (got 0)")
    #expect(q.finished)
  }
}
