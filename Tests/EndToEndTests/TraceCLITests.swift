import Foundation
import Testing

/// `rnnscope trace` as a user runs it: output on stdout, messages on stderr, exit 0 / 1 bad data /
/// 2 bad usage.
struct TraceCLITests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Golden/lstm_2layer_embedding")

  func bin() throws -> String {
    guard let b = TmuxSession.binary() else { throw HarnessError("binary not built") }
    return b
  }

  @Test func tracePrintsOneJSONObject() throws {
    let r = try spawn([
      try bin(), "trace", Self.golden.appendingPathComponent("weights.safetensors").path,
      Self.golden.appendingPathComponent("spec.json").path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let obj = try JSONSerialization.jsonObject(with: r.stdout.data(using: .utf8)!) as? [String: Any]
    #expect(obj?["cell"] as? String == "lstm")
    #expect(obj?["layers"] as? Int == 2)
    #expect((obj?["grad_norm_c"] as? [Any])?.count == 2)
  }

  @Test func badDataExitsOneAndBadUsageTwo() throws {
    let dir = NSTemporaryDirectory() + "rnnscope-trace-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let weights = Self.golden.appendingPathComponent("weights.safetensors").path
    let badSpec = dir + "/bad.json"
    try #"{"tokens": [99]}"#.write(toFile: badSpec, atomically: true, encoding: .utf8)
    let garbage = dir + "/garbage.safetensors"
    try Data([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 2]).write(
      to: URL(fileURLWithPath: garbage))
    let cases: [([String], Int32, String)] = [
      (["trace", weights, badSpec], 1, "tokens[0] = 99 is out of range"),
      (["trace", garbage, badSpec], 1, "bad header length"),
      (["trace", "/nonexistent.safetensors", badSpec], 1, "no such file"),
      (["trace", weights, "/nonexistent.json"], 1, "no such file"),
      (["trace", weights, dir], 1, "is a directory"),
      (["trace", weights], 2, "Missing expected argument"),
      (["trace"], 2, "Missing expected argument"),
      (["frobnicate"], 2, "frobnicate"),
    ]
    for (args, status, message) in cases {
      let r = try spawn([try bin()] + args)
      #expect(r.status == status, "\(args): \(r.status) \(r.stderr)")
      #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
      #expect(r.stdout.isEmpty, "\(args) printed to stdout")
      #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack"), "\(args)")
    }
  }
}
