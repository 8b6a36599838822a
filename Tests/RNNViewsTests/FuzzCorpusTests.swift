import Foundation
import Testing
@testable import RNNScopeApp

/// The fuzzers' corpora (Tests/Fuzz/corpus/TARGET), replayed through the same harness: each input must
/// end in a value or an error — a crash here fails the whole run.
struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    @Test(arguments: FuzzHarness.targets)
    func corpusReplays(_ target: String) throws {
        let dir = Self.root.appendingPathComponent(target)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }
        #expect(!files.isEmpty, "a seed corpus for \(target)")
        for f in files {
            let data = try Data(contentsOf: dir.appendingPathComponent(f))
            #expect(FuzzHarness.run(target, data))
        }
    }

    @Test func unknownTargetsAreRefused() {
        #expect(!FuzzHarness.run("nothing", Data()))
    }
}
