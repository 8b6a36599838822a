import Foundation
import Testing

/// `rnnscope train` and `rnnscope sample` as a user runs them.
struct TrainCLITests {
  func bin() throws -> String {
    guard let b = TmuxSession.binary() else { throw HarnessError("binary not built") }
    return b
  }

  func lines(_ s: String) throws -> [[String: Any]] {
    try s.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
  }

  @Test func jsonLinesAndAFinalObjectPerCellSameSeedSameNumbers() throws {
    let args = [
      try bin(), "train", "--task", "echo", "--delay", "2", "--length", "8", "--cell", "rnn,gru",
      "--hidden", "8",
      "--steps", "20", "--batch", "4", "--log-every", "10", "--json",
    ]
    let a = try spawn(args)
    let b = try spawn(args)
    #expect(a.status == 0, "\(a.stderr)")
    let objs = try lines(a.stdout)
    let logs = objs.filter { $0["final"] == nil }
    #expect(logs.count == 4)  // steps 10 and 20, per cell
    for o in logs { #expect(Set(o.keys) == ["cell", "step", "loss", "accuracy", "grad_norm"]) }
    let finals = objs.filter { $0["final"] as? Bool == true }
    #expect(finals.map { $0["cell"] as? String } == ["rnn", "gru"])
    for f in finals {
      #expect(f["diverged"] as? Bool == false)
      #expect(f["loss"] is Double && f["accuracy"] is Double)
      #expect((f["grad_profile_last"] as? [Any])?.count == 8)
    }
    // Deterministic: the same command prints the same numbers (timing aside).
    func strip(_ s: String) throws -> [[String: Any]] {
      try lines(s).map {
        var o = $0
        o["seconds"] = nil
        return o
      }
    }
    #expect(NSArray(array: try strip(a.stdout)).isEqual(to: try strip(b.stdout)))
  }

  @Test func regressionTasksReportMSE() throws {
    let r = try spawn([
      try bin(), "train", "--task", "sine", "--length", "6", "--hidden", "4", "--steps", "3",
      "--batch", "2", "--json",
    ])
    let final = try lines(r.stdout).last!
    #expect(final["mse"] is Double)
    #expect(final["accuracy"] == nil)
  }

  @Test func divergenceIsReportedAndTheRunStillEndsCleanly() throws {
    let r = try spawn([
      try bin(), "train", "--task", "sine", "--length", "50", "--cell", "rnn", "--radius", "3",
      "--optimizer", "sgd",
      "--lr", "0.1", "--steps", "400", "--batch", "16", "--json",
    ])
    #expect(r.status == 0)
    #expect(r.stderr.contains("rnn: step "))
    #expect(r.stderr.contains("weights restored to step"))
    #expect(try lines(r.stdout).last!["diverged"] as? Bool == true)
  }

  @Test func saveAndSampleACharacterModel() throws {
    let dir = NSTemporaryDirectory() + "rnnscope-train-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let text = dir + "/corpus.txt"
    let model = dir + "/char.safetensors"
    try String(repeating: "hello world, hello rnn. ", count: 20).write(
      toFile: text, atomically: true, encoding: .utf8)
    let t = try spawn([
      try bin(), "train", "--task", "text", "--text", text, "--length", "10", "--hidden", "16",
      "--steps", "30",
      "--batch", "8", "--lr", "0.01", "--save", model, "--sample", "20", "--prime", "hel",
    ])
    #expect(t.status == 0, "\(t.stderr)")
    #expect(t.stdout.contains("saved \(model)"))
    #expect(t.stdout.contains("rnn sample"))
    let s = try spawn([
      try bin(), "sample", model, "--prime", "hello ", "--length", "30", "--temperature", "0.5",
    ])
    #expect(s.status == 0, "\(s.stderr)")
    let out = s.stdout.trimmingCharacters(in: .newlines)
    #expect(out.hasPrefix("hello "))
    #expect(out.count == 36)
    #expect(out.allSatisfy { "helo wrd,n.".contains($0) })
  }

  @Test func badOptionsAreUsageErrors() throws {
    let cases: [([String], Int32, String)] = [
      (["train", "--cell", "lstm,transformer"], 2, "unknown cell 'transformer'"),
      (["train", "--hidden", "0"], 2, "--hidden must be between 1 and 4096"),
      (
        ["train", "--task", "echo", "--delay", "30", "--length", "10"], 2,
        "echo needs --length greater than --delay"
      ),
      (["train", "--lr=-1"], 2, "--lr must be > 0"),
      (["train", "--bptt", "5,2"], 2, "--bptt must be k1,k2"),
      (["train", "--task", "chess"], 2, "chess"),
      (["train", "--task", "text", "--text", "/nonexistent"], 1, "no such file"),
      (
        ["train", "--hidden", "4096", "--length", "10000", "--layers", "8"], 2,
        "GB of memory; the limit is 8 GB"
      ),
      (
        ["train", "--hidden", "1000000000"], 2,
        "this would need about 192 EB of memory; the limit is 8 GB"
      ),
      (["tui", "--hidden", "1000000000"], 2, "EB of memory; the limit is 8 GB"),
      (["sample", "/nonexistent.safetensors"], 1, "no such file"),
    ]
    for (args, status, message) in cases {
      let r = try spawn([try bin()] + args)
      #expect(r.status == status, "\(args): \(r.status) \(r.stderr)")
      #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
    }
  }
}
