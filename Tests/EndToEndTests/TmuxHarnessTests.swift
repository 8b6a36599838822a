import Foundation
import Testing

/// The harness itself: a session outlives neither the test process nor its programs.
struct TmuxHarnessTests {
  /// Whether process `pid` still runs (a zombie, or no such process, does not).
  static func running(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return false }
    return stat[stat.index(close, offsetBy: 2)] != "Z"
  }

  /// Polls `condition` every 0.1 s for up to `seconds`; whether it came true.
  static func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      usleep(100_000)
    }
    return condition()
  }

  /// A test process that dies without cleaning up (a crash runs no `deinit`) takes its tmux server
  /// and the program in it along within seconds: here a short-lived process stands in for it.
  @Test func theServerAndItsProgramEndWhenTheProcessItWatchesEnds() throws {
    let stand = Process()
    stand.executableURL = URL(fileURLWithPath: "/bin/sleep")
    stand.arguments = ["2"]
    try stand.run()
    let t = try TmuxSession(
      width: 40, height: 10, command: "sleep", arguments: ["600"],
      watching: stand.processIdentifier)
    var program: Int32?
    #expect(
      Self.eventually(5) {
        program = try? t.programPID()
        return program != nil
      })
    let pid = try #require(program)
    #expect(Self.running(pid) && stand.isRunning, "the program runs while the process does")
    stand.waitUntilExit()
    #expect(Self.eventually(10) { (try? t.tmux(["list-sessions"])) == nil }, "the server ended")
    #expect(Self.eventually(10) { !Self.running(pid) }, "and the program in it")
  }
}
