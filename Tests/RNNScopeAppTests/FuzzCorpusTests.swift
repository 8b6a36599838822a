import Foundation
import Testing

@testable import RNNScopeApp

/// The fuzzers' corpora (Tests/Fuzz/corpus/TARGET), replayed through the same harness: each input
/// must end in a value or an error — a crash here fails the whole run.
struct FuzzCorpusTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fuzz/corpus")

  @Test(arguments: FuzzHarness.targets)
  func corpusReplays(_ target: String) throws {
    let dir = Self.root.appendingPathComponent(target)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      !$0.hasPrefix(".")
    }
    #expect(!files.isEmpty, "a seed corpus for \(target)")
    for f in files {
      let data = try Data(contentsOf: dir.appendingPathComponent(f))
      #expect(FuzzHarness.run(target, data))
    }
  }

  /// The session seeds are real sessions that load, so that mutations start from the paths past
  /// parsing.
  @Test(arguments: ["echo", "copy", "adding"])
  func sessionSeedsLoadBesideTheHarnessWeights(_ name: String) throws {
    let seed = Self.root.appendingPathComponent("sessionfile/seed-\(name).json")
    let path = FuzzHarness.scratch + "/seed-\(name).json"
    try Data(contentsOf: seed).write(to: URL(fileURLWithPath: path))
    let s = try ScopeState.loadSession(from: path)
    #expect(s.stepsTaken >= 3)
  }

  @Test func saveAndLoadStayInTheScratchFolder() {
    #expect(FuzzHarness.confined("save weights /etc/passwd") == "save weights fetcpasswd")
    #expect(FuzzHarness.confined("load session ../../x y") == "load session fxy")
    #expect(FuzzHarness.confined("step 3") == "step 3")
    #expect(
      FuzzHarness.confined("export svg /tmp/x.svg panel=heatmap size=1000x1000")
        == "export svg ftmpx.svg panel=heatmap")
  }

  @Test func unknownTargetsAreRefused() {
    #expect(!FuzzHarness.run("nothing", Data()))
  }
}
