import Foundation
import RNNScopeApp
import RNNViews
import Testing

/// Recordings from the real binary: `rnnscope record` (headless) and `rnnscope tui --record` (under
/// tmux), checked as asciicast v2 and replayed with Debian's `asciinema cat` in a terminal of the
/// same size, whose screen must be the one recorded.
@Suite(.serialized) struct RecordCLITests {
  static let lesson = """
    task echo length=10 delay=2
    model hidden=4
    say The first pause: nothing trained yet.
    pause
    train 20
    say Trained {trained} steps: the pause after the training shows the trained model.
    pause
    step 3
    backward animate
    say The end, after a backward pass.
    """

  let dir: String
  let session: String

  init() throws {
    dir = NSTemporaryDirectory() + "rnnscope-record-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    session = dir + "/lesson.rnns"
    try Self.lesson.write(toFile: session, atomically: true, encoding: .utf8)
  }

  func bin() throws -> String {
    guard let b = TmuxSession.binary() else { throw HarnessError("rnnscope binary not built") }
    return b
  }

  /// The recording's lines: the header object, then each event as [time, code, data].
  func parse(_ path: String) throws -> (header: [String: Any], events: [[Any]]) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasSuffix("\n"))
    let lines = text.split(separator: "\n").map(String.init)
    let header = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    let events = try lines.dropFirst().map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], "\(line)")
    }
    var last = 0.0
    for e in events {
      #expect(e.count == 3)
      let t = try #require(e[0] as? Double)
      #expect(t >= last, "time went back")
      last = t
      #expect(["o", "m", "r"].contains(e[1] as? String))
      #expect(e[2] is String)
    }
    return (header, events)
  }

  func markers(_ events: [[Any]]) -> [String] {
    events.filter { $0[1] as? String == "m" }.map { $0[2] as! String }
  }

  /// The screen `asciinema cat FILE` leaves in a `width` × `height` terminal (tmux), lines
  /// without their trailing blanks; `last` is text the last frame shows.
  func replayed(_ path: String, width: Int, height: Int, last: String) throws -> [String] {
    let which = try spawn(["sh", "-c", "command -v asciinema"])
    guard which.status == 0 else {
      throw HarnessError("asciinema is not installed (scripts/deps.sh --with-tmux installs it)")
    }
    // The sleep keeps the pane open, as asciinema left it.
    let t = try TmuxSession(
      width: width, height: height, command: "asciinema", arguments: ["cat", path, "; sleep 60"])
    try t.waitFor(last)
    usleep(500_000)
    return try t.screen().split(separator: "\n", omittingEmptySubsequences: false)
      .prefix(height).map { trimmed(String($0)) }
  }

  func trimmed(_ s: String) -> String {
    var s = s
    while s.last == " " { s.removeLast() }
    return s
  }

  @Test func recordWritesTheSameValidFileEachTimeAndNeverOverwritesUnasked() throws {
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let b = try bin()
    let out = dir + "/lesson.cast"
    let argv = [
      "env", "SOURCE_DATE_EPOCH=1700000000", b, "record", session, out, "--size", "80x24",
      "--pace", "1",
    ]
    let r = try spawn(argv)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("2 markers for 2 pauses"), "\(r.stdout)")
    let (header, events) = try parse(out)
    #expect(header["version"] as? Int == 2)
    #expect(header["width"] as? Int == 80 && header["height"] as? Int == 24)
    #expect(header["timestamp"] as? Int == 1_700_000_000)
    #expect(header["title"] as? String == "lesson.rnns")
    #expect(header["command"] as? String == "rnnscope tui \(session)")
    #expect((header["env"] as? [String: String])?.keys.sorted() == ["SHELL", "TERM"])
    #expect(
      markers(events) == [
        "The first pause: nothing trained yet.", "Trained 20 steps: the pause after the training…",
      ])
    let first = try Data(contentsOf: URL(fileURLWithPath: out))
    // Refused, and the file left as it was.
    let again = try spawn(argv)
    #expect(again.status == 1)
    #expect(again.stderr.contains("\(out) exists (--force overwrites it)"), "\(again.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == first)
    // With --force: written again, byte for byte the same.
    #expect(try spawn(argv + ["--force"]).status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == first)
    #expect(try spawn([b, "record", session, dir + "/x.cast", "--size", "80"]).status == 2)
    // Never over the session it plays, even with --force.
    let own = try spawn([b, "record", session, session, "--force"])
    #expect(own.status == 1 && own.stderr.contains("is the session file"), "\(own.stderr)")
    #expect(try String(contentsOfFile: session, encoding: .utf8) == Self.lesson)
    #expect(try spawn([b, "record", session, dir + "/y.cast", "--pace", "-1"]).status == 2)
  }

  @Test func asciinemaCatReproducesTheLastScreenRenderedHeadless() throws {
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let out = dir + "/lesson.cast"
    let r = try spawn([try bin(), "record", session, out, "--size", "80x24", "--pace", "0"])
    #expect(r.status == 0, "\(r.stderr)")
    // The same session rendered headless here: its last screen.
    var recording = SessionRecording()
    recording.width = 80
    recording.height = 24
    recording.pace = 0
    var recorder = CastRecorder(header: .init(), write: { _ in })
    let outcome = try recording.record(
      try SessionScript.load(session), from: try ScopeState(), into: &recorder)
    let expected = (0..<24).map { trimmed(outcome.grid.rowText($0)) }
    #expect(expected.joined().contains("The end, after a backward pass."))
    let screen = try replayed(out, width: 80, height: 24, last: "The end, after")
    #expect(screen == expected)
  }

  @Test func tuiRecordRecordsALiveSessionUnderTmux() throws {
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let out = dir + "/live.cast"
    let t = try TmuxSession(width: 80, height: 24, arguments: ["tui", "--record", out, session])
    try t.waitFor("The first pause")
    try t.send("Space")
    try t.waitFor("Trained 20 steps")
    // Settled: the same screen twice in a row.
    var live = try t.screen()
    for _ in 0..<40 {
      usleep(250_000)
      let next = try t.screen()
      if next == live { break }
      live = next
    }
    try t.send("q")
    #expect(try t.waitForExit() == 0)
    let (header, events) = try parse(out)
    #expect(header["width"] as? Int == 80 && header["height"] as? Int == 24)
    #expect(header["title"] as? String == "lesson.rnns")
    #expect(header["command"] as? String == "rnnscope tui \(session)")
    #expect((header["env"] as? [String: String])?["TERM"] == "tmux-256color")
    #expect(header["timestamp"] is Int)
    #expect(
      markers(events) == [
        "The first pause: nothing trained yet.", "Trained 20 steps: the pause after the training…",
      ])
    #expect(events.last?[2] as? String == "\u{1B}[0m\u{1B}[?25h\u{1B}[24;1H", "ended cleanly")
    // Replayed, the recording ends on the screen the presenter left.
    let lines = live.split(separator: "\n", omittingEmptySubsequences: false).prefix(24)
      .map { trimmed(String($0)) }
    #expect(try replayed(out, width: 80, height: 24, last: "Trained 20 steps") == lines)
    // An existing file is refused before the screen opens.
    let again = try TmuxSession(
      width: 80, height: 24, arguments: ["tui", "--record", out, session])
    let before = try Data(contentsOf: URL(fileURLWithPath: out))
    #expect(try again.waitForExit() == 1)
    // (The path wraps at 80 columns.)
    #expect(try again.screen().contains("exists (--force overwrites it)"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == before)
  }

  @Test func tuiRecordMarksAResizeAndCtrlCEndsTheFileCleanly() throws {
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let out = dir + "/resize.cast"
    let t = try TmuxSession(width: 80, height: 24, arguments: ["tui", "--record", out, session])
    try t.waitFor("The first pause")
    try t.resize(width: 100, height: 30)
    usleep(800_000)
    try t.send("C-c")
    #expect(try t.waitForExit() == 130)
    let (_, events) = try parse(out)
    let r = try #require(events.firstIndex { $0[1] as? String == "r" })
    #expect(events[r][2] as? String == "100x30")
    // The frame at the new size is drawn whole: it clears the screen first.
    let next = try #require(events[(r + 1)...].first { $0[1] as? String == "o" })
    #expect((next[2] as? String)?.hasPrefix("\u{1B}[0m\u{1B}[H\u{1B}[2J") == true)
    #expect(events.last?[2] as? String == "\u{1B}[0m\u{1B}[?25h\u{1B}[30;1H")
  }

  @Test func aCrashLeavesAValidRecordingUpToItsLastEvent() throws {
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let out = dir + "/crash.cast"
    let t = try TmuxSession(
      width: 80, height: 24, arguments: ["tui", "--record", out, session],
      env: ["RNNSCOPE_TEST_CRASH": "1"])
    let code = try t.waitForExit()
    #expect(code >= 128, "crashed (\(code))")
    // The header, the first frame and its pause's marker, each line whole.
    let (header, events) = try parse(out)
    #expect(header["version"] as? Int == 2)
    #expect(events.first?[1] as? String == "o")
    #expect(markers(events) == ["The first pause: nothing trained yet."])
  }
}
