import Foundation
import Testing

/// Runs the built `rnnscope` binary in a private tmux server at a fixed size, sends keys, reads the
/// screen.
final class TmuxSession {
  let socket: String
  let exitFile: String
  private(set) var started = false

  /// The built binary: $RNNSCOPE_BIN, else .build/debug or .build/release under the package root.
  static func binary() -> String? {
    if let b = ProcessInfo.processInfo.environment["RNNSCOPE_BIN"],
      FileManager.default.isExecutableFile(atPath: b)
    {
      return b
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    for config in ["debug", "release"] {
      let p = root.appendingPathComponent(".build/\(config)/rnnscope").path
      if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
  }

  convenience init(
    width: Int, height: Int, arguments: [String] = [], env: [String: String] = [:]
  ) throws {
    guard let bin = TmuxSession.binary() else {
      throw HarnessError("rnnscope binary not built (run swift build first)")
    }
    try self.init(width: width, height: height, command: bin, arguments: arguments, env: env)
  }

  /// Runs `command` with `arguments` (shell words) in the pane instead of rnnscope. The server
  /// ends itself (and the program with it) within a second of process `watching` — the test
  /// process — ending: a crashed test runs no `deinit`, and its programs (a slow training among
  /// them) would otherwise run on.
  init(
    width: Int, height: Int, command: String, arguments: [String] = [],
    env: [String: String] = [:], watching: pid_t = getpid()
  ) throws {
    socket = "rnnscope-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    exitFile = NSTemporaryDirectory() + socket + ".exit"
    let envPart = env.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    // A known environment: UTF-8, 256 colours, and no NO_COLOR inherited from the test runner.
    let cmd =
      "env -u NO_COLOR -u COLORTERM LC_ALL=C.UTF-8 TERM=tmux-256color \(envPart) \(command) \(arguments.joined(separator: " ")); echo $? > \(exitFile)"
    // The server this starts would inherit (and hold open) an output pipe: give it none.
    try tmux(
      [
        "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "sh", "-c",
        cmd,
      ], capture: false)
    started = true
    try tmux(["set-option", "-g", "remain-on-exit", "on"])
    try tmux(["set-option", "-g", "window-size", "manual"])
    // As `deinit` does: kill-server, and SIGKILL for a server that outlives it.
    let server = try tmux(["display-message", "-p", "#{pid}"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    try tmux([
      "run-shell", "-b",
      "while kill -0 \(watching) 2>/dev/null; do sleep 1; done; tmux -L \(socket) kill-server;"
        + " sleep 0.2; kill -9 \(server)",
    ])
  }

  deinit {
    if started {
      // kill-server, and if the server is still there a moment later, SIGKILL it: some servers here
      // were seen to outlive kill-server.
      let pid = (try? tmux(["display-message", "-p", "#{pid}"]))
        .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
      _ = try? tmux(["kill-server"])
      if let pid {
        usleep(100_000)
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
      }
    }
    try? FileManager.default.removeItem(atPath: exitFile)
  }

  @discardableResult
  func tmux(_ args: [String], capture: Bool = true) throws -> String {
    // A UTF-8 locale for tmux and the program, whatever the caller's environment has.
    let r = try spawn(["env", "LC_ALL=C.UTF-8", "tmux", "-L", socket] + args, capture: capture)
    guard r.status == 0 else {
      throw HarnessError("tmux \(args.joined(separator: " ")) failed (\(r.status)): \(r.stderr)")
    }
    return r.stdout
  }

  func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "0"] + keys) }

  func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "0"]) }

  /// The screen with its colour escape sequences.
  func screenWithColours() throws -> String { try tmux(["capture-pane", "-p", "-e", "-t", "0"]) }

  /// Waits (up to `timeout` seconds) until the screen contains `text`; returns the screen.
  @discardableResult
  func waitFor(_ text: String, timeout: Double = 20) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if last.contains(text) { return last }
      usleep(50_000)
    }
    throw HarnessError("screen never showed \"\(text)\"; last screen:\n\(last)")
  }

  /// Waits (up to `timeout` seconds) until the screen no longer contains `text`.
  func waitForAbsence(_ text: String, timeout: Double = 20) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if !(try screen()).contains(text) { return }
      usleep(50_000)
    }
    throw HarnessError("screen kept showing \"\(text)\"")
  }

  /// Waits for the program to exit and returns its exit status.
  func waitForExit(timeout: Double = 20) throws -> Int {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if let s = try? String(contentsOfFile: exitFile, encoding: .utf8),
        let code = Int(s.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return code
      }
      usleep(50_000)
    }
    throw HarnessError("rnnscope did not exit; screen:\n\((try? screen()) ?? "")")
  }

  /// tmux's view of the pane's terminal modes: alternate screen and cursor visibility.
  func modes() throws -> (alternate: Bool, cursorVisible: Bool) {
    let s = try tmux(["display-message", "-p", "-t", "0", "#{alternate_on} #{cursor_flag}"])
    let parts = s.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    return (parts.first == "1", parts.last == "1")
  }

  func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
  }

  /// The pid of the program (the child of the pane's sh).
  func programPID() throws -> Int32 {
    let panePID = try tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let s = try spawn(["pgrep", "-P", panePID]).stdout
    guard let pid = s.split(separator: "\n").first.flatMap({ Int32($0) }) else {
      throw HarnessError("no program pid")
    }
    return pid
  }
}

struct HarnessError: Error, CustomStringConvertible {
  let description: String
  init(_ d: String) { description = d }
}
