import Foundation
import RNNScopeApp
import Testing

/// `rnnscope run` on every demo in Sessions/, its errors, and `rnnscope repl` fed from a pipe.
struct SessionCLITests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static var sessions: [String] {
    ((try? FileManager.default.contentsOfDirectory(
      atPath: root.appendingPathComponent("Sessions").path)) ?? [])
      .filter { $0.hasSuffix(".rnns") }.sorted()
  }

  func bin() throws -> String {
    guard let b = TmuxSession.binary() else { throw HarnessError("binary not built") }
    return b
  }

  @Test func thereAreAtLeastTenSessions() { #expect(Self.sessions.count >= 10) }

  /// Two processes saving one session name over and over (models of different cells and sizes)
  /// beside a third loading it: every load gets one save's JSON with that save's weights (a
  /// mismatched pair would not load: its shapes or its checksum disagree), and the session is whole
  /// at the end.
  @Test func concurrentSavesAndLoadsInThreeProcesses() throws {
    let dir =
      NSTemporaryDirectory() + "rnnscope-3proc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let saves = String(repeating: "save session s\n", count: 150)
    try ("task echo length=6 delay=2\nmodel hidden=3\n" + saves).write(
      toFile: dir + "/a.rnns", atomically: true, encoding: .utf8)
    try ("task echo length=6 delay=2\nmodel cell=gru hidden=5\n" + saves).write(
      toFile: dir + "/b.rnns", atomically: true,
      encoding: .utf8)
    try ("task echo length=6 delay=2\nmodel hidden=3\nsave session s\n").write(
      toFile: dir + "/first.rnns", atomically: true,
      encoding: .utf8)
    try (String(repeating: "load session s\nshow model\n", count: 150)).write(
      toFile: dir + "/load.rnns", atomically: true,
      encoding: .utf8)
    let b = try bin()
    #expect(try spawn([b, "run", dir + "/first.rnns"]).status == 0)
    let r = try spawn([
      "sh", "-c",
      "\(b) run \(dir)/a.rnns & \(b) run \(dir)/b.rnns & \(b) run \(dir)/load.rnns; s=$?; wait; exit $s",
    ])
    #expect(r.status == 0, "the loader stopped: \(r.stderr)")
    #expect(r.stdout.components(separatedBy: "loaded the session").count - 1 == 150)
    #expect(try spawn([b, "run", dir + "/load.rnns"]).status == 0)
    // One JSON and the weights it names: saves take turns, each removing the weights of those
    // before.
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
      $0.hasPrefix("s.")
    }
    #expect(files.contains("s.json") && files.count == 2, "\(files)")
  }

  @Test(arguments: sessions)
  func everySessionRunsHeadless(_ name: String) throws {
    let path = Self.root.appendingPathComponent("Sessions/\(name)").path
    let r = try spawn([try bin(), "run", path])
    #expect(r.status == 0, "\(name): \(r.stderr)")
    #expect(r.stdout.contains("» "), "\(name) narrates")
    #expect(!r.stdout.contains("error:"), "\(name)")
  }

  @Test func jsonOutputIsOneObjectPerCommand() throws {
    let path = Self.root.appendingPathComponent("Sessions/01-forward-pass.rnns").path
    let r = try spawn([try bin(), "run", path, "--json"])
    #expect(r.status == 0)
    let objs = try r.stdout.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
    #expect(objs.count >= 10)
    #expect(
      objs.allSatisfy { $0["line"] is Int && $0["command"] is String && $0["kind"] is String })
    #expect(objs.contains { $0["kind"] as? String == "pause" })
  }

  /// `run --json`: a report's numbers as JSON numbers that Python's json reads back as the
  /// engine's values (the same commands played in-process).
  @Test func jsonReportsCarryTheirNumbers() throws {
    let dir = NSTemporaryDirectory() + "rnnscope-json-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let lines = [
      "task sine", "model hidden=6 seed=2", "step 12", "backward", "show gradients", "show h",
    ]
    let file = dir + "/j.rnns"
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: file, atomically: true, encoding: .utf8)
    let r = try spawn([try bin(), "run", file, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let py = """
      import json, sys
      objs = [json.loads(l) for l in sys.stdin]
      g = next(o for o in objs if o["kind"] == "gradients")["data"]
      h = next(o for o in objs if o["kind"] == "h")["data"]
      print(" ".join(repr(float(x)) for x in g["norms"]))
      print(" ".join(repr(float(x)) for x in h["values"]))
      print(g["t"][0], g["t"][-1], h["t"])
      """
    let parsed = try spawn(["/usr/bin/env", "python3", "-c", py], stdin: r.stdout)
    #expect(parsed.status == 0, "\(parsed.stderr)")
    let out = parsed.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    var s = try ScopeState()
    for l in lines.prefix(4) { _ = CommandLanguage.execute(l, on: &s) }
    let norms = try #require(s.bptt).lastLossHiddenGradNorms[0]
    #expect(out[0].map { Double($0)! } == norms)
    #expect(out[1].map { Double($0)! } == s.pass.steps.last!.hidden[0])
    #expect(out[2] == ["1", "12", "12"])
  }

  @Test func theFirstErrorStopsTheRunWithItsFileAndLine() throws {
    let dir = NSTemporaryDirectory() + "rnnscope-run-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let file = dir + "/bad.rnns"
    try "# a lesson\nstep 3\nsay fine so far\nmodle hidden=4\nstep 1\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    let r = try spawn([try bin(), "run", file])
    #expect(r.status == 1)
    #expect(r.stderr.contains("\(file):4: unknown command 'modle' (did you mean model?)"))
    #expect(r.stdout.contains("» fine so far"))
    let missing = try spawn([try bin(), "run", dir + "/nothing.rnns"])
    #expect(missing.status == 1 && missing.stderr.contains("no such file"))
    let usage = try spawn([try bin(), "run"])
    #expect(usage.status == 2)
  }

  @Test func replFromAPipeKeepsGoingAfterErrors() throws {
    let dir = NSTemporaryDirectory() + "rnnscope-repl-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let input = dir + "/input.txt"
    try "step 5\nflarp\nshow step\nmodel hidden=0\nshow model\nquit\nstep 1\n".write(
      toFile: input, atomically: true, encoding: .utf8)
    let r = try spawn(["sh", "-c", "\(try bin()) repl < \(input)"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("stepped 5"))
    #expect(r.stdout.contains("step 5 of 5: input q"))
    #expect(r.stderr.contains("error: unknown command 'flarp'"))
    #expect(r.stderr.contains("error: hidden must be a whole number from 1 to 512"))
    // the model survived the errors
    #expect(r.stdout.contains("RNN (tanh), 1 layer, input 29, hidden 16"))
    #expect(!r.stdout.contains("stepped 1"))  // nothing runs after quit
  }
}

/// `rnnscope repl` on a terminal: libedit's line editing, Tab completion and history.
@Suite(.serialized)
struct ReplTerminalTests {
  @Test func tabCompletesAndHistoryRecalls() throws {
    let home =
      NSTemporaryDirectory() + "rnnscope-home-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    let t = try TmuxSession(width: 100, height: 30, arguments: ["repl"], env: ["HOME": home])
    try t.waitFor("rnnscope>")
    try t.send("-l", "ste")
    try t.send("Tab")
    try t.send("-l", "3")
    try t.send("Enter")
    try t.waitFor("stepped 3")
    try t.send("Up")
    try t.send("Enter")
    try t.waitFor("stepped 3: step 6/73")
    try t.send("-l", "quit")
    try t.send("Enter")
    #expect(try t.waitForExit() == 0)
    let history = try String(contentsOfFile: home + "/.rnnscope_history", encoding: .utf8)
    // libedit writes spaces as \040.
    #expect(history.contains("step 3") || history.contains("step\\0403"), "\(history)")
  }
}
