import Foundation
import Testing

/// The visualizer under tmux, ended by a signal whose default action kills: the terminal must be
/// restored (main screen, cursor shown, mouse reporting off) and the status must be 128 + N, as
/// a death by that signal gives. Serialized, like the other tmux suites.
@Suite(.serialized)
struct SignalTests {
  init() {
    // Several of these signals dump core by default: none in the working folder, please.
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
    limit.rlim_cur = 0
    setrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
  }

  static let fatal: [(String, Int32)] = [
    ("XCPU", SIGXCPU), ("USR1", SIGUSR1), ("USR2", SIGUSR2), ("ALRM", SIGALRM),
    ("VTALRM", SIGVTALRM), ("PROF", SIGPROF), ("PWR", SIGPWR), ("SYS", SIGSYS),
    ("QUIT", SIGQUIT), ("RTMIN+1", __libc_current_sigrtmin() + 1),
  ]

  @Test(arguments: fatal)
  func aKillingSignalRestoresTheTerminalAndKills(_ name: String, _ signal: Int32) throws {
    let t = try TmuxSession(width: 100, height: 30, arguments: ["tui"])
    try t.waitFor("step 0/73")
    kill(try t.programPID(), signal)
    #expect(try t.waitForExit() == 128 + Int(signal), "SIG\(name)")
    let modes = try t.modes()
    #expect(!modes.alternate, "SIG\(name) left the alternate screen on")
    #expect(modes.cursorVisible, "SIG\(name) left the cursor hidden")
    let mouse = try t.tmux(["display-message", "-p", "-t", "0", "#{mouse_any_flag}"])
    #expect(
      mouse.trimmingCharacters(in: .whitespacesAndNewlines) == "0",
      "SIG\(name) left mouse reporting on")
    // Swift's backtracer (SIGQUIT is one of its signals) must not have drawn or waited.
    let screen = try t.screen()
    for text in ["Backtrac", "Press space", "crashed", "Fatal error", "Thread 0"] {
      #expect(!screen.contains(text), "SIG\(name): the pane shows \"\(text)\":\n\(screen)")
    }
  }

  /// A killing signal in the middle of a save from the visualizer (held there by the
  /// RNNSCOPE_TEST_SLOW_WRITE hook): the terminal is restored, and no temporary file is left.
  @Test(arguments: [("USR1", SIGUSR1), ("QUIT", SIGQUIT)])
  func aKillingSignalMidSaveLeavesNoTemporaryFile(_ name: String, _ signal: Int32) throws {
    let dir = NSTemporaryDirectory() + "rnnscope-midsave-\(getpid())-\(name)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let t = try TmuxSession(
      width: 100, height: 30, arguments: ["tui"], env: ["RNNSCOPE_TEST_SLOW_WRITE": "1"])
    try t.waitFor("step 0/73")
    try t.send(":")
    try t.send("-l", "save weights \(dir)/w.safetensors")
    try t.send("Enter")
    usleep(1_500_000)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.hasSuffix(".tmp") },
      "the save is under way")
    kill(try t.programPID(), signal)
    #expect(try t.waitForExit() == 128 + Int(signal), "SIG\(name)")
    #expect(!(try t.modes().alternate))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "SIG\(name) left a file")
  }

  /// Under nohup (SIGHUP ignored) a closed terminal sends no signal that counts: the visualizer
  /// must see the hang-up on its input and end, not spin on a dead terminal.
  @Test func aClosedTerminalEndsTheVisualizerEvenWithSIGHUPIgnored() throws {
    guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
    let socket = "rnnscope-nohup-\(getpid())"
    func tmux(_ args: [String]) throws -> String {
      try spawn(["env", "LC_ALL=C.UTF-8", "tmux", "-L", socket] + args).stdout
    }
    _ = try tmux([
      "new-session", "-d", "-x", "100", "-y", "30",
      "env TERM=tmux-256color sh -c 'trap \"\" HUP; exec \(bin) tui'",
    ])
    defer { _ = try? tmux(["kill-server"]) }
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline, !(try tmux(["capture-pane", "-p", "-t", "0"])).contains("step 0/73") {
      usleep(100_000)
    }
    let pidText = try tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"])
    let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
    // The terminal closes with its server (SIGKILL: a server started from here may block SIGTERM).
    let server = try #require(
      Int32(
        try tmux(["display-message", "-p", "#{pid}"]).trimmingCharacters(
          in: .whitespacesAndNewlines)))
    kill(server, SIGKILL)
    // Ended: gone, or a zombie nobody reaps (its parent, the tmux server, is gone too).
    func running() -> Bool {
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return false }
      return !stat[close...].hasPrefix(") Z")
    }
    let gone = Date().addingTimeInterval(10)
    while Date() < gone, running() { usleep(50_000) }
    let alive = running()
    if alive { kill(pid, SIGKILL) }
    #expect(!alive, "rnnscope outlived its closed terminal")
  }

  /// Outside the visualizer Swift's backtracer stays, but with stdin and stdout on a terminal
  /// it would ask "Press space to interact…" and wait 30 s: main re-execs with SWIFT_BACKTRACE.
  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil,
      "SWIFT_BACKTRACE is set here, and rnnscope keeps a user's setting"))
  func aCrashOutsideTheVisualizerNeverWaitsForAKey() throws {
    let t = try TmuxSession(
      width: 100, height: 30,
      arguments: ["bench", "--only", "min-char", "--seconds", "60"])
    var pid: Int32 = 0
    var setting: String? = nil  // only this variable: the rest of the environment stays unseen
    var caught = false  // the runtime's SIGABRT handler is in place
    let deadline = Date().addingTimeInterval(20)
    while !(setting != nil && caught) && Date() < deadline {
      usleep(50_000)
      guard let p = try? t.programPID() else { continue }
      pid = p
      let raw = FileManager.default.contents(atPath: "/proc/\(p)/environ") ?? Data()
      setting = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        .first { $0.hasPrefix("SWIFT_BACKTRACE=") }
      let status = (try? String(contentsOfFile: "/proc/\(p)/status", encoding: .utf8)) ?? ""
      let mask = status.split(separator: "\n").first { $0.hasPrefix("SigCgt:") }
        .flatMap { UInt64($0.dropFirst(7).trimmingCharacters(in: .whitespaces), radix: 16) }
      caught = (mask ?? 0) & (1 << UInt64(SIGABRT - 1)) != 0
    }
    defer { if pid != 0 { kill(pid, SIGKILL) } }
    #expect(setting == "SWIFT_BACKTRACE=interactive=no")
    #expect(caught, "Swift's backtracer never caught SIGABRT")
    // A crash signal from outside: the backtrace is printed and nothing waits for a key.
    kill(pid, SIGABRT)
    let screen = try t.waitFor("Backtrace took")
    #expect(!screen.contains("Press space"), "\(screen)")
  }
}
