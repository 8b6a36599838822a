import Foundation
import Testing

/// `rnnscope train --task flipflop --save` and `rnnscope fixed` as a user runs them.
struct FixedCLITests {
  func bin() throws -> String {
    guard let b = TmuxSession.binary() else { throw HarnessError("binary not built") }
    return b
  }

  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/FlipFlop/rnn_tanh_h64.safetensors").path

  func object(_ s: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(s.utf8)) as! [String: Any]
  }

  @Test func aFlipFlopModelTrainsSavesAndItsPointsPrintAsJSONNumbers() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rnnscope-fixed-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("ff.safetensors").path
    let t = try spawn([
      try bin(), "train", "--task", "flipflop", "--bits", "2", "--length", "20", "--hidden", "6",
      "--steps", "5", "--batch", "4", "--save", path,
    ])
    #expect(t.status == 0, "\(t.stderr)")
    // The task and its bits come from the file's metadata.
    let a = try spawn([try bin(), "fixed", path, "--starts", "8", "--json"])
    let b = try spawn([try bin(), "fixed", path, "--starts", "8", "--json"])
    #expect(a.status == 0, "\(a.stderr)")
    #expect(a.stdout == b.stdout)
    let o = try object(a.stdout)
    #expect(o["task"] as? String == "flipflop")
    #expect((o["input_vector"] as? [Double]) == [0, 0])
    let points = try #require(o["points"] as? [[String: Any]])
    #expect(!points.isEmpty)
    for p in points {
      #expect(p["q"] is Double && p["fixed"] is Bool && p["stability"] is String)
      #expect((p["state"] as? [Double])?.count == 6)
      #expect((p["readout"] as? [Double])?.count == 2)
      let eig = try #require(p["eigenvalues"] as? [[Double]])
      #expect(eig.count == 6 && eig.allSatisfy { $0.count == 2 })
      let mags = eig.map { ($0[0] * $0[0] + $0[1] * $0[1]).squareRoot() }
      #expect(mags == mags.sorted(by: >))
    }
  }

  @Test func theTrainedFlipFlopShowsEightStablePoints() throws {
    let r = try spawn([
      try bin(), "fixed", Self.fixture, "--length", "600", "--starts", "128", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let points = try #require(try object(r.stdout)["points"] as? [[String: Any]])
    let stable = points.filter {
      $0["stability"] as? String == "stable" && $0["fixed"] as? Bool == true
    }
    #expect(stable.count == 8)
    let signs = Set(stable.compactMap { ($0["readout"] as? [Double])?.map { $0 > 0 } })
    #expect(signs.count == 8)
    let text = try spawn([try bin(), "fixed", Self.fixture, "--length", "600", "--starts", "128"])
    #expect(text.stdout.components(separatedBy: "  stable").count - 1 == 8)
  }

  @Test func badOptionsAreRefused() throws {
    let bits = try spawn([try bin(), "train", "--task", "echo", "--bits", "3", "--steps", "1"])
    #expect(bits.status == 2)
    #expect(bits.stderr.contains("--bits applies to --task flipflop"))
    let input = try spawn([try bin(), "fixed", Self.fixture, "--input", "soon"])
    #expect(input.status == 2)
    let step = try spawn([try bin(), "fixed", Self.fixture, "--input", "5000"])
    #expect(step.status == 2)
    #expect(step.stderr.contains("the sequence has steps 0 to 99"))
    let task = try spawn([try bin(), "fixed", Self.fixture, "--task", "echo"])
    #expect(task.status == 1)
  }
}
