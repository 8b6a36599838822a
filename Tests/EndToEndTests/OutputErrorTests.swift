import Foundation
import Testing

/// Output that cannot be written (a full disk, a closed pipe, a file past `ulimit -f`): one line
/// on stderr saying why, status 1, and never a crash.
struct OutputErrorTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Golden/lstm_2layer_embedding")
  static let weights = golden.appendingPathComponent("weights.safetensors").path
  static let spec = golden.appendingPathComponent("spec.json").path

  func bin() throws -> String {
    guard let b = TmuxSession.binary() else { throw HarnessError("binary not built") }
    return b
  }

  /// Runs `script` with sh, $0 being the binary and $1… `args`.
  func sh(_ script: String, _ args: String...) throws -> SpawnResult {
    try spawn(["sh", "-c", script, try bin()] + args)
  }

  func expectNoCrash(_ r: SpawnResult, _ what: String) {
    for text in ["Program crashed", "Fatal error", "Backtrac"] {
      #expect(!r.stderr.contains(text), "\(what): \(r.stderr)")
    }
  }

  /// A folder of its own, removed at the end.
  func withFolder(_ body: (String) throws -> Void) throws {
    let dir = NSTemporaryDirectory() + "rnnscope-output-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try body(dir)
  }

  @Test func aFullDiskIsSaidAndExitsOne() throws {
    try withFolder { dir in
      let session = dir + "/s.rnns"
      try "step 3\nsay hello\n".write(toFile: session, atomically: true, encoding: .utf8)
      let cases: [(String, [String])] = [
        ("trace", ["trace", Self.weights, Self.spec]),
        ("run --json", ["run", "--json", session]),
        ("run", ["run", session]),
        ("bench --json", ["bench", "--json", "--only", "frame", "--seconds", "0.05"]),
        ("bench", ["bench", "--only", "frame", "--seconds", "0.05"]),
        ("--help", ["--help"]),
        ("train (print)", ["train", "--steps", "1"]),
      ]
      for (name, args) in cases {
        let r = try spawn(["sh", "-c", "exec \"$@\" > /dev/full", "sh", try bin()] + args)
        #expect(r.status == 1, "\(name): status \(r.status), stderr \(r.stderr)")
        #expect(
          r.stderr == "rnnscope: cannot write the output: No space left on device\n",
          "\(name): \(r.stderr)")
        expectNoCrash(r, name)
      }
      // The REPL reads from stdin.
      let r = try spawn(
        ["sh", "-c", "exec \"$0\" repl --json > /dev/full", try bin()],
        stdin: "step 2\nhelp\n")
      #expect(
        r.status == 1 && r.stderr.contains("cannot write the output: No space left"),
        "repl --json: \(r.status) \(r.stderr)")
    }
  }

  @Test func aClosedPipeIsSaidAndExitsOne() throws {
    try withFolder { dir in
      // Far more than a pipe holds, so that writes go on after head has gone.
      let session = dir + "/long.rnns"
      try String(repeating: "help\n", count: 2000).write(
        toFile: session, atomically: true,
        encoding: .utf8)
      for args in [["run", "--json", session], ["trace", Self.weights, Self.spec]] {
        let script = "\"$@\" | head -c1 > /dev/null; echo ${PIPESTATUS[0]}"
        let r = try spawn(["bash", "-c", script, "bash", try bin()] + args)
        let status = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status == "1", "\(args[0]): status \(status), stderr \(r.stderr)")
        #expect(
          r.stderr == "rnnscope: cannot write the output: Broken pipe\n",
          "\(args[0]): \(r.stderr)")
        expectNoCrash(r, args[0])
      }
    }
  }

  @Test func aFileSizeLimitIsAnErrorNotAKill() throws {
    try withFolder { dir in
      // SIGXFSZ would kill with status 153; ignored, the write fails with EFBIG.
      let weights = dir + "/x.safetensors"
      let r = try sh(
        "ulimit -f 1; exec \"$0\" train --steps 1 --hidden 64 --save \"$1\"",
        weights)
      #expect(r.status == 1, "train --save: status \(r.status), stderr \(r.stderr)")
      #expect(r.stderr.contains("rnnscope train: \(weights)"), "\(r.stderr)")
      expectNoCrash(r, "train --save")
      // Nothing left behind: neither a part of the file nor the temporary one.
      #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)

      let out = dir + "/trace.json"
      let t = try sh(
        "ulimit -f 1; exec \"$0\" trace \"$1\" \"$2\" > \"$3\"",
        Self.weights, Self.spec, out)
      #expect(t.status == 1, "trace: status \(t.status), stderr \(t.stderr)")
      #expect(
        t.stderr == "rnnscope: cannot write the output: File too large\n",
        "\(t.stderr)")
      expectNoCrash(t, "trace")
    }
  }
}
