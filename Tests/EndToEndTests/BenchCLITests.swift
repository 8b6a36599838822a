import Foundation
import Testing

/// `rnnscope bench`'s training workloads as a user runs them, and the scripts that compare them.
struct BenchCLITests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let training = [
    "train-rnn-h64", "train-lstm-h64", "train-gru-h64", "train-lstm-h128-text",
  ]

  /// The rows of `rnnscope bench --json --only NAME` at its shortest (a warm-up run and one timed
  /// run), after checking it exited 0.
  static func jsonRows(_ name: String) throws -> [[String: Any]] {
    guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
    let r = try spawn([bin, "bench", "--json", "--only", name, "--seconds", "0.001"])
    #expect(r.status == 0, "\(r.stderr)")
    let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    return try #require(obj?["workloads"] as? [[String: Any]])
  }

  /// Each training workload is accepted by name and measured: the shortest run (a warm-up step
  /// and one timed step) reports steps/s and µs/step that agree with each other.
  @Test(arguments: training) func trainingWorkloadRuns(_ name: String) throws {
    let rows = try Self.jsonRows(name)
    #expect(rows.map { $0["name"] as? String } == [name])
    let perSec = try #require(rows.first?["steps_per_sec"] as? Double)
    let us = try #require(rows.first?["us_per_step"] as? Double)
    #expect(perSec > 0 && us > 0)
    #expect(abs(perSec * us / 1e6 - 1) < 1e-9)
  }

  /// GFLOP/s is 2 × the multiply-adds of a step's products × steps/s: for the adding problem's
  /// workloads (2 inputs, 1 output, T·B = 1,600 rows) 1,600 × (3·GH·H + 2·GH·2 + 3·64) per step;
  /// for the GEMM yardstick 512³.
  static let multiplyAdds: [(String, Double)] = [
    ("train-rnn-h64", 1_600 * Double(3 * 64 * 64 + 4 * 64 + 192)),
    ("train-lstm-h64", 1_600 * Double(3 * 256 * 64 + 4 * 256 + 192)),
    ("train-gru-h64", 1_600 * Double(3 * 192 * 64 + 4 * 192 + 192)),
    ("dgemm-512-1t", Double(512 * 512 * 512)),
    ("dgemm-512-2t", Double(512 * 512 * 512)),
  ]

  @Test(arguments: multiplyAdds)
  func gflopsCountEveryProduct(_ name: String, multiplyAdds: Double) throws {
    let row = try #require(try Self.jsonRows(name).first)
    #expect(row["name"] as? String == name)
    let perSec = try #require(row["steps_per_sec"] as? Double)
    let gflops = try #require(row["gflops"] as? Double)
    #expect(abs(gflops / perSec / (2 * multiplyAdds / 1e9) - 1) < 1e-9)
  }

  /// Every workload the refusal below lists, as `bench` names it.
  static let workloads =
    [
      "bptt-10k", "min-char-rnn", "lstm-128", "gru-256", "lstm-512-b32", "dgemm-512-2t",
      "dgemm-512-1t",
    ] + training + ["frame-200x60", "train-update-10k"]

  /// A name no workload contains is refused with the list of names (not an empty table); each
  /// name listed runs that workload (and others whose names contain it: none but itself here).
  @Test func anUnknownWorkloadIsRefusedWithTheNames() throws {
    guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
    let r = try spawn([bin, "bench", "--only", "lstm-256", "--seconds", "0.001"])
    #expect(r.status == 2 && r.stdout.isEmpty, "a usage error, as for any bad option")
    #expect(r.stderr.contains("no workload's name contains 'lstm-256'"))
    #expect(r.stderr.contains(Self.workloads.joined(separator: ", ")), "\(r.stderr)")
  }

  // (The training workloads' runs are checked above.)
  @Test(arguments: workloads.filter { !training.contains($0) })
  func eachListedWorkloadRuns(_ name: String) throws {
    #expect(try Self.jsonRows(name).map { $0["name"] as? String } == [name])
  }

  /// The table keeps the longest name whole, in the first column.
  @Test func tableShowsTheLongestNameWhole() throws {
    guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
    let r = try spawn([bin, "bench", "--only", "h128-text", "--seconds", "0.001"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines.last?.split(separator: " ").first == "train-lstm-h128-text")
  }

  /// scripts/bench-compare is Python: it parses.
  @Test func benchCompareParses() throws {
    let script = Self.root.appendingPathComponent("scripts/bench-compare").path
    let r = try spawn([
      "python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", script,
    ])
    #expect(r.status == 0, "\(r.stderr)")
  }

  /// The careful C min-char-rnn computes what the dense one does: built without FMA contraction
  /// (the one freedom of rounding their builds differ by, besides the SIMD reductions), their
  /// loss traces over 40 iterations are equal bit for bit.
  @Test func carefulCMatchesTheDenseOne() throws {
    let dir = NSTemporaryDirectory() + "rnnscope-mcr-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let text = dir + "/text.txt"
    try String(repeating: "the quick brown fox jumps over the lazy dog. ", count: 20)
      .write(toFile: text, atomically: true, encoding: .utf8)
    var traces: [[String]] = []
    for name in ["min_char_rnn", "min_char_rnn_careful"] {
      let src = Self.root.appendingPathComponent("scripts/reference/\(name).c").path
      let bin = dir + "/" + name
      let cc = try spawn(["cc", "-O2", "-ffp-contract=off", "-o", bin, src, "-lm"])
      try #require(cc.status == 0, "\(cc.stderr)")
      let r = try spawn([bin, "0", text, "40"])
      #expect(r.status == 0, "\(r.stderr)")
      traces.append(r.stdout.split(separator: "\n").map(String.init))
    }
    #expect(traces[0].count == 40)
    #expect(traces[0] == traces[1])
  }
}
