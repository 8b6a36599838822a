import Foundation
import Testing

/// The REPL's history (~/.rnnscope_history, under a HOME of the test's own) under tmux: saved as
/// each line is entered, so Ctrl-C keeps it; a save that fails leaves the file as it was.
@Suite(.serialized)
struct HistoryTests {
  static let cookie = "_HiStOrY_V2_\n"  // libedit's first line

  /// A HOME holding a history with one old line, removed at the end.
  func withHome(_ body: (String) throws -> Void) throws {
    let home = NSTemporaryDirectory() + "rnnscope-home-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: home) }
    try (Self.cookie + "old\\040line\n").write(
      toFile: home + "/.rnnscope_history",
      atomically: true, encoding: .utf8)
    try body(home)
  }

  func history(_ home: String) -> String {
    (try? String(contentsOfFile: home + "/.rnnscope_history", encoding: .utf8)) ?? ""
  }

  func enter(_ t: TmuxSession, _ line: String, shows: String) throws {
    try t.send("-l", line)
    try t.send("Enter")
    try t.waitFor(shows)
  }

  @Test func ctrlCKeepsTheLinesEntered() throws {
    try withHome { home in
      let t = try TmuxSession(
        width: 100, height: 30, arguments: ["repl"],
        env: ["HOME": home])
      try t.waitFor("rnnscope>")
      try enter(t, "step 2", shows: "stepped 2")
      try enter(t, "help step", shows: "take N forward steps")
      try t.send("C-c")
      // Ctrl-C ends the REPL and the pane's shell with it: wait for the pane to die.
      var dead = false
      let deadline = Date().addingTimeInterval(20)
      while !dead && Date() < deadline {
        let flag = try t.tmux(["display-message", "-p", "-t", "0", "#{pane_dead}"])
        dead = flag.hasPrefix("1")
        usleep(50_000)
      }
      #expect(dead, "the REPL outlived Ctrl-C")
      #expect(
        history(home) == Self.cookie + "old\\040line\nstep\\0402\nhelp\\040step\n",
        "history: \(history(home))")
      // The temporary file was renamed, not left beside it.
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: home)
          == [".rnnscope_history"])
    }
  }

  @Test func aSaveThatFailsLeavesTheFileAsItWas() throws {
    try withHome { home in
      let t = try TmuxSession(
        width: 100, height: 30, arguments: ["repl"],
        env: ["HOME": home])
      try t.waitFor("rnnscope>")
      try enter(t, "step 2", shows: "stepped 2")
      let saved = history(home)
      #expect(saved.hasSuffix("step\\0402\n"))
      // No file may grow past 0 bytes now: libedit's write comes out empty, as on a full
      // disk.
      // (util-linux prlimit: glibc's prlimit() is not visible from Swift.)
      let limit = try spawn(["prlimit", "--pid", "\(try t.programPID())", "--fsize=0"])
      #expect(limit.status == 0, "prlimit: \(limit.stderr)")
      try enter(t, "step 3", shows: "cannot save the history")
      try t.waitFor("stepped 3")  // the REPL goes on
      #expect(history(home) == saved)
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: home)
          == [".rnnscope_history"])
      try enter(t, "quit", shows: "quit")
      #expect(try t.waitForExit() == 0)
    }
  }
}
