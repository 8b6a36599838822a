import Foundation
import Testing

/// The real binary under tmux at fixed sizes. Serialized: each runs its own tmux server, but the
/// machine has two cores and the runs are clearer one at a time.
@Suite(.serialized)
struct TUIEndToEndTests {
  @Test func stepTenTimesBackpropAndQuit() throws {
    let t = try TmuxSession(width: 100, height: 30, arguments: ["tui"])
    try t.waitFor("step 0/73")
    for _ in 0..<10 { try t.send("Right") }
    try t.waitFor("step 10/73")
    try t.send("b")
    try t.waitFor("walking the gradient back")  // the backward animation runs…
    let screen = try t.waitFor("the gradient reached step 1")  // …and ends by itself
    #expect(screen.contains("‖∂L_T/∂h_t‖ per step"))
    #expect(screen.contains("t=10"))
    #expect(screen.contains("‖∂L/∂h_t‖   = "))
    // The log axis is drawn, labelled with decades read downwards ("1┤", "1e-1┤", …), with bars.
    let decades = Self.decadeLabels(screen)
    #expect(decades.count >= 2, "decade labels: \(decades)")
    #expect(zip(decades, decades.dropFirst()).allSatisfy { $0 > $1 }, "decades: \(decades)")
    #expect(screen.contains("█"))
    #expect(screen.contains("x_t   t h e ␣ q u i c k ␣"))
    #expect(screen.contains("φ'(x)"))
    // The cursor moves back over timesteps and the readout follows.
    try t.send("Left")
    try t.send("Left")
    try t.waitFor("step t=8 of 10 taken")
    // s switches to sigmoid and replays.
    try t.send("s")
    try t.waitFor("vanilla RNN · sigmoid")
    try t.send("?")
    try t.waitFor("key closes")
    try t.send("Escape")
    try t.send("q")
    #expect(try t.waitForExit() == 0)
    let modes = try t.modes()
    #expect(!modes.alternate, "terminal left in the alternate screen")
    #expect(modes.cursorVisible, "cursor left hidden")
  }

  @Test func coloursAreOnAndNO_COLORTurnsThemOff() throws {
    let coloured = try TmuxSession(width: 100, height: 30, arguments: ["tui"])
    try coloured.waitFor("step 0/73")
    try coloured.send("Space")
    try coloured.waitFor("step 1/73")
    #expect(try coloured.screenWithColours().contains("\u{1B}[38;5;"))  // 256-colour foregrounds
    try coloured.send("q")
    _ = try coloured.waitForExit()
    let plain = try TmuxSession(width: 100, height: 30, arguments: ["tui"], env: ["NO_COLOR": "1"])
    try plain.waitFor("step 0/73")
    try plain.send("Space")
    try plain.waitFor("step 1/73")
    let esc = try plain.screenWithColours()
    #expect(!esc.contains("\u{1B}[38;5;") && !esc.contains("\u{1B}[48;5;"))
    // The heatmap in shade characters: rows of the monochrome ramp (not half blocks), and its
    // legend the ramp itself.
    let screen = try plain.screen()
    #expect(Self.monochromeHeatmapRows(screen) >= 3, "no shaded heatmap rows in:\n\(screen)")
    // The legend: the monochrome ramp, dark to light and back, however wide it has room for.
    let legend =
      screen.split(separator: "\n").first { $0.contains("│value ") }.map(String.init) ?? ""
    #expect(legend.contains(":..:") && legend.contains("@") && legend.contains("#"), "\(legend)")
    try plain.send("q")
    #expect(try plain.waitForExit() == 0)
  }

  /// The log plot's decade labels, top to bottom, as exponents: "1┤" is 0, "1e-2┤" is −2.
  static func decadeLabels(_ screen: String) -> [Int] {
    let pattern = try! NSRegularExpression(pattern: "(?<![0-9.])1(e(-?[0-9]+))?┤")
    let ns = screen as NSString
    return pattern.matches(in: screen, range: NSRange(location: 0, length: ns.length)).map {
      $0.range(at: 2).location == NSNotFound ? 0 : Int(ns.substring(with: $0.range(at: 2)))!
    }
  }

  /// Rows of the hidden-state panel (between its title and its time axis ▲) whose cells right of
  /// the unit labels are all characters of the monochrome ramp, some of them not blank.
  static func monochromeHeatmapRows(_ screen: String) -> Int {
    let lines = screen.components(separatedBy: "\n")
    guard let title = lines.firstIndex(where: { $0.contains("hidden state h_t") }),
      let axis = lines[title...].firstIndex(where: { $0.contains("▲") })
    else { return 0 }
    let ramp = Set(" .:-=+*#%@")
    return lines[(title + 1)..<axis].filter { line in
      // The panel's inside: after its left border, up to its right one; then past the labels.
      guard line.hasPrefix("│") else { return false }
      let inside = line.dropFirst().prefix { $0 != "│" }
      let cells = inside.drop { $0 == "h" || $0 == " " || $0.isNumber }
      return !cells.isEmpty && cells.allSatisfy { ramp.contains($0) }
    }.count
  }

  @Test func eightColourTerminalsGetTheBasicPalette() throws {
    let t = try TmuxSession(width: 100, height: 30, arguments: ["tui"], env: ["TERM": "xterm"])
    try t.waitFor("step 0/73")
    try t.send("Space")
    try t.waitFor("step 1/73")
    let esc = try t.screenWithColours()
    #expect(!esc.contains("\u{1B}[38;5;") && !esc.contains("\u{1B}[38;2;"))
    #expect(
      esc.range(of: "\u{1B}\\[(3|4)[0-7]m", options: .regularExpression) != nil
        || esc.range(of: "\u{1B}\\[[0-9;]*;(3|4)[0-7]m", options: .regularExpression) != nil)
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }

  @Test func truecolorWhenCOLORTERMSaysSo() throws {
    let t = try TmuxSession(
      width: 100, height: 30, arguments: ["tui"], env: ["COLORTERM": "truecolor"])
    try t.waitFor("step 0/73")
    try t.send("Space")
    try t.waitFor("step 1/73")
    #expect(try t.screenWithColours().contains("\u{1B}[38;2;"))  // 24-bit foregrounds
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }

  @Test func asciiLocaleGetsNoMojibake() throws {
    let t = try TmuxSession(width: 100, height: 30, arguments: ["tui"], env: ["LC_ALL": "C"])
    try t.waitFor("step 0/73")
    try t.send("Space")
    try t.waitFor("step 1/73")
    let screen = try t.screen()
    #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII on a C-locale terminal")
    #expect(screen.contains("+-"))
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }

  @Test func trainingStartsAndStopsFromTheKeyboard() throws {
    let t = try TmuxSession(
      width: 120, height: 40,
      arguments: ["--task", "echo", "--delay", "2", "--length", "12", "--hidden", "8"])
    try t.waitFor("task echo")
    try t.send("t")
    try t.waitFor("● training step")
    try t.send("t")
    try t.waitFor("training stopped at step")
    let screen = try t.screen()
    #expect(screen.contains("loss"))
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }

  @Test func commandLineFromTheKeyboard() throws {
    let t = try TmuxSession(width: 100, height: 30, arguments: ["tui"])
    try t.waitFor("step 0/73")
    try t.send(":")
    try t.send("-l", "step 4")
    try t.send("Enter")
    try t.waitFor("step 4/73")
    try t.send(":")
    try t.send("-l", "model cell=lstm hidden=8")
    try t.send("Enter")
    try t.waitFor("model: LSTM")
    try t.send(":")
    try t.send("-l", "stpe")
    try t.send("Enter")
    try t.waitFor("did you mean step?")
    try t.send(":")
    try t.send("-l", "quit")
    try t.send("Enter")
    #expect(try t.waitForExit() == 0)
  }

  @Test func noArgumentsPlaysTheFirstDemoAsAPresentation() throws {
    let t = try TmuxSession(width: 120, height: 40)
    try t.waitFor("A vanilla RNN with 16 tanh units")  // the first narration, in the caption
    try t.waitFor("01-forward-pass.rnns · 1/")
    try t.waitFor("Space ▶ continues")
    try t.send("Space")
    try t.waitFor("One step: a_t = W_ih x_t")
    try t.waitFor("step 1/73")
    try t.send("Space")
    try t.waitFor("step 10/73")
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }

  @Test func anySessionFileOpensWithTui() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let t = try TmuxSession(
      width: 120, height: 40,
      arguments: ["tui", root.appendingPathComponent("Sessions/06-lstm-carousel.rnns").path])
    try t.waitFor("constant error carousel")
    try t.waitFor("LSTM · hidden 16")
    try t.waitFor("step 17/17")
    try t.send("Space")
    try t.waitFor("the gradient of the last loss alone with respect to the cell state")
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }

  @Test func tooSmallThenEnlarged() throws {
    let t = try TmuxSession(width: 40, height: 12, arguments: ["tui"])
    try t.waitFor("terminal too small: need 80×24")
    try t.waitFor("have 40×12")
    try t.resize(width: 100, height: 30)
    try t.waitFor("hidden state h_t")
    for size in [(81, 25), (30, 5), (150, 50), (100, 30)] {
      try t.resize(width: size.0, height: size.1)
    }
    try t.waitFor("hidden state h_t")
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }

  @Test func ctrlCRestoresTheTerminal() throws {
    let t = try TmuxSession(width: 100, height: 30, arguments: ["tui"])
    try t.waitFor("step 0/73")
    try t.send("Space")
    try t.waitFor("step 1/73")
    try t.send("C-c")
    #expect(try t.waitForExit() == 130)
    let modes = try t.modes()
    #expect(!modes.alternate && modes.cursorVisible)
  }

  @Test func sigtermRestoresTheTerminal() throws {
    let t = try TmuxSession(width: 100, height: 30, arguments: ["tui"])
    try t.waitFor("step 0/73")
    kill(try t.programPID(), SIGTERM)
    #expect(try t.waitForExit() == 143)
    let modes = try t.modes()
    #expect(!modes.alternate && modes.cursorVisible)
  }

  @Test(arguments: [("HUP", 129), ("INT", 130), ("TERM", 143)])
  func quitSignalsRestoreTheTerminal(_ signal: String, _ status: Int) throws {
    let t = try TmuxSession(width: 100, height: 30, arguments: ["tui"])
    try t.waitFor("step 0/73")
    let numbers = ["HUP": SIGHUP, "INT": SIGINT, "TERM": SIGTERM]
    kill(try t.programPID(), numbers[signal]!)
    #expect(try t.waitForExit() == status)
    let modes = try t.modes()
    #expect(!modes.alternate && modes.cursorVisible)
  }

  @Test func aCrashStillRestoresTheTerminal() throws {
    let t = try TmuxSession(
      width: 100, height: 30, arguments: ["tui"], env: ["RNNSCOPE_TEST_CRASH": "1"])
    let status = try t.waitForExit()
    #expect(
      status == 132 || status == 133 || status == 134, "died by the trap's signal (got \(status))")
    let modes = try t.modes()
    #expect(!modes.alternate, "terminal left in the alternate screen after a crash")
    #expect(modes.cursorVisible, "cursor left hidden after a crash")
  }

  @Test func everySizeFromTinyToHugeUnderTmux() throws {
    let t = try TmuxSession(
      width: 100, height: 30, arguments: ["tui", "--cell", "lstm", "--task", "echo"])
    try t.waitFor("task echo")
    try t.send("e")
    try t.send("B")
    for (w, h) in [
      (1, 1), (2, 2), (10, 5), (40, 12), (79, 23), (80, 24), (81, 25), (120, 40), (200, 60),
      (300, 100), (80, 24),
    ] {
      try t.resize(width: w, height: h)
      usleep(60_000)
    }
    try t.waitFor("task echo")
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }

  @Test func aDumbTerminalFallsBackToTheLineREPL() throws {
    let t = try TmuxSession(
      width: 100, height: 30, arguments: ["tui", "--hidden", "7"], env: ["TERM": "dumb"])
    try t.waitFor("needs a terminal (TERM is 'dumb'")
    try t.waitFor("hidden 7")
    try t.send("-l", "step 2")
    try t.send("Enter")
    try t.waitFor("stepped 2")
    try t.send("-l", "quit")
    try t.send("Enter")
    #expect(try t.waitForExit() == 0)
  }

  @Test func helpListsSubcommands() throws {
    guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
    let r = try spawn([bin, "--help"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("SUBCOMMANDS"))
    #expect(r.stdout.contains("tui"))
    let v = try spawn([bin, "--version"])
    #expect(v.status == 0 && v.stdout.hasPrefix("rnnscope 0."))
  }

  @Test func notATerminalFallsBackToTheLineREPL() throws {
    guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
    // The options still shape the model; commands come from stdin; the note on stderr says why.
    let r = try spawn(
      [bin, "--cell", "gru", "--hidden", "5"], stdin: "model\nstep 3\nfrobnicate\nquit\nstep 1\n")
    #expect(r.status == 0)
    #expect(r.stderr.contains("the visualizer needs a terminal (stdin is not a terminal)"))
    #expect(r.stdout.contains("GRU, 1 layer") && r.stdout.contains("hidden 5"))
    #expect(r.stdout.contains("stepped 3"))
    #expect(r.stderr.contains("unknown command 'frobnicate'"))
    #expect(!r.stdout.contains("stepped 1"))  // nothing runs after quit
    // The largest sizes the visualizer takes are accepted (its tape is a bounded window).
    let big = try spawn(
      [bin, "--cell", "gru", "--hidden", "512", "--layers", "4"], stdin: "model\n")
    #expect(big.status == 0 && big.stdout.contains("hidden 512"), "\(big.stderr)")
    // A session file given by name plays headless first.
    let dir = NSTemporaryDirectory() + "rnnscope-fallback-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "say hello from the session\nstep 4\n".write(
      toFile: dir + "/s.rnns", atomically: true, encoding: .utf8)
    let s = try spawn([bin, dir + "/s.rnns"], stdin: "step 1\n")
    #expect(s.status == 0)
    #expect(
      s.stdout.contains("hello from the session") && s.stdout.contains("stepped 4")
        && s.stdout.contains("stepped 1"))
  }

  @Test func badOptionsAreRefused() throws {
    guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
    for (args, needle) in [
      (["--hidden", "0"], "--hidden must be between 1 and 512"),
      (["--activation", "cube"], "cube"),
      (["--text", "/nonexistent/file"], "no such file"),
      (["--text", "/"], "is a directory"),
      (["--frobnicate"], "Unknown option"),
    ] {
      let r = try spawn([bin] + args)
      #expect(r.status != 0, "\(args)")
      #expect(r.stderr.contains(needle), "\(args): \(r.stderr)")
      #expect(!r.stderr.contains("Fatal error"))
    }
  }
}

/// Training a model whose every step takes seconds: stopping and quitting never leave a thread
/// behind.
struct SlowTrainingTests {
  static let slow = [
    "--batch", "64", "--hidden", "256", "--layers", "2", "--cell", "lstm", "--task", "copy",
    "--length", "1000", "--delay", "1000",
  ]

  /// Threads of the process (Linux: /proc/PID/task).
  static func threads(_ pid: Int32) -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task").count) ?? -1
  }

  /// The issue's case: quitting here used to free the model under the training thread (exit 139,
  /// often).
  @Test(arguments: 1...3)
  func quittingDuringASlowStepExitsCleanly(_ round: Int) throws {
    let t = try TmuxSession(
      width: 120, height: 40,
      arguments: [
        "--batch", "1024", "--hidden", "512", "--layers", "4",
        "--cell", "lstm", "--task", "copy", "--length", "1000",
        "--delay", "1000",
      ])
    try t.waitFor("task copy")
    try t.send("t")
    try t.waitFor("training in the background")
    sleep(2)
    try t.send("q")
    #expect(try t.waitForExit(timeout: 30) == 0)
    let modes = try t.modes()
    #expect(!modes.alternate && modes.cursorVisible)
  }

  @Test func stoppingDuringASlowStepEndsTheThreadAndTNeverStartsASecond() throws {
    let t = try TmuxSession(width: 120, height: 40, arguments: Self.slow)
    try t.waitFor("task copy")
    let pid = try t.programPID()
    let idle = Self.threads(pid)
    for _ in 0..<3 {
      try t.send("t")
      try t.waitFor("training in the background")
      usleep(700_000)
      try t.send("t")
      try t.waitFor("training stopped at step 0")
    }
    usleep(300_000)
    // OpenBLAS may keep its own pool; what must not grow is one training thread (and its helper)
    // per press.
    #expect(
      Self.threads(pid) <= idle + 2,
      "threads: \(idle) idle, \(Self.threads(pid)) after three starts and stops")
    try t.send("q")
    #expect(try t.waitForExit(timeout: 30) == 0)
  }
}

/// Long work in the real binary: `e` over 1,000 steps of a 4 × 512 LSTM shows its progress, and q
/// or a signal ends the process while it runs.
struct LongWorkEndToEndTests {
  static let big = [
    "--cell", "lstm", "--hidden", "512", "--layers", "4", "--task", "echo", "--length", "1000",
  ]

  @Test func qQuitsWhileStepping() throws {
    let t = try TmuxSession(width: 120, height: 40, arguments: Self.big)
    try t.waitFor("task echo")
    try t.send("e")
    try t.waitFor("stepping to the end: step")
    try t.send("q")
    #expect(try t.waitForExit(timeout: 10) == 0)
    let modes = try t.modes()
    #expect(!modes.alternate && modes.cursorVisible)
  }

  @Test(arguments: [("TERM", SIGTERM, 143), ("HUP", SIGHUP, 129)])
  func aSignalEndsItWhileStepping(_ name: String, _ signal: Int32, _ status: Int) throws {
    let t = try TmuxSession(width: 120, height: 40, arguments: Self.big)
    try t.waitFor("task echo")
    try t.send("e")
    try t.waitFor("stepping to the end: step")
    kill(try t.programPID(), signal)
    #expect(try t.waitForExit(timeout: 10) == status, "SIG\(name)")
  }

  @Test func qQuitsDuringALongBackward() throws {
    let t = try TmuxSession(width: 120, height: 40, arguments: Self.big)
    try t.waitFor("task echo")
    try t.send("e")
    try t.waitFor("stepping to the end: step")
    sleep(1)
    try t.send("Escape")
    try t.waitFor("stepping to the end stopped at step")
    try t.send("B")
    try t.waitFor("backpropagating over")
    try t.send("q")
    #expect(try t.waitForExit(timeout: 10) == 0)
  }

  @Test func escStopsSteppingAndTheStepsStay() throws {
    let t = try TmuxSession(width: 120, height: 40, arguments: Self.big)
    try t.waitFor("task echo")
    try t.send("e")
    try t.waitFor("stepping to the end: step")
    try t.send("Escape")
    try t.waitFor("stepping to the end stopped at step")
    try t.send("q")
    #expect(try t.waitForExit(timeout: 10) == 0)
  }
}
