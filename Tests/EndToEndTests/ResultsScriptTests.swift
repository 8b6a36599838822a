import Foundation
import Testing

/// `scripts/results --quick`: the classic results rerun on the built binary (one seed, default
/// kernels, few steps), its block parsed into the table rows the README shows.
struct ResultsScriptTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The median of a cell, "0.477 [0.383–0.622]" or "0.477"; nil for "n/a".
  func median(_ cell: String) -> Double? {
    let first = cell.split(separator: " ").first.map(String.init) ?? ""
    if first == "+Inf" { return .infinity }
    return Double(first)
  }

  @Test func quickRunWritesTheTableRows() throws {
    guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
    let out = NSTemporaryDirectory() + "rnnscope-results-\(getpid())-\(UUID().uuidString).md"
    defer { unlink(out) }
    let script = Self.root.appendingPathComponent("scripts/results").path
    let r = try spawn([
      "python3", script, "--quick", "--output", out, "--binary", bin, "--jobs", "2",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let block = try String(contentsOfFile: out, encoding: .utf8)
    let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "<!-- results:begin -->")
    #expect(lines.last(where: { !$0.isEmpty }) == "<!-- results:end -->")
    #expect(block.contains("scripts/results --quick"))
    // The rows: | task | model | … |, cells trimmed.
    let rows = lines.filter {
      $0.hasPrefix("| copy |") || $0.hasPrefix("| echo |") || $0.hasPrefix("| sine |")
    }
    .map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
    #expect(
      rows.filter { $0[0] == "copy" }.map { $0[1] } == [
        "rnn (tanh)", "lstm", "lstm --forget-bias 1", "gru",
      ])
    #expect(
      rows.filter { $0[0] == "echo" }.map { $0[1] } == [
        "rnn (tanh)", "rnn (sigmoid)", "lstm", "lstm --forget-bias 1",
      ])
    #expect(rows.filter { $0[0] == "sine" }.map { $0[1] } == ["sgd, no clipping", "sgd, --clip 1"])
    for row in rows where row[0] != "sine" {
      #expect(row.count == 7, "\(row)")
      guard row.count == 7 else { continue }
      let acc = try #require(median(row[2]), "\(row)")
      #expect((0...1).contains(acc), "\(row)")
      let loss = try #require(median(row[3]), "\(row)")
      #expect(loss > 0 && loss < 10, "\(row)")
      for g in row[4...5] {
        let v = try #require(median(g), "\(row)")
        #expect(v >= 0 && v < 1e10, "\(row)")
      }
      #expect(row[6] == "n/a", "one kernel set: no change between kernel sets to show")
    }
    for row in rows where row[0] == "sine" {
      #expect(row.count == 7, "\(row)")
      guard row.count == 7 else { continue }
      #expect(row[2] == "0 of 1" || row[2] == "1 of 1", "\(row)")
      let steps = try #require(median(row[3]), "\(row)")
      #expect(steps >= 1 && steps <= 1000, "\(row)")
      // The gradient at the start: radius 3 makes it large.
      let start = try #require(median(row[5]), "\(row)")
      #expect(start > 1, "\(row)")
    }
    // Each contrast says on how many runs it holds: k of 1 here.
    let counts = lines.compactMap { line -> (Int, Int)? in
      guard line.hasPrefix("- "), let r = line.range(of: ": on ") else { return nil }
      let words = line[r.upperBound...].split(separator: " ")
      guard words.count >= 3, let k = Int(words[0]), let n = Int(words[2]) else { return nil }
      return (k, n)
    }
    #expect(counts.count >= 10)
    for (k, n) in counts { #expect(n == 1 && (0...1).contains(k)) }
  }

  @Test func theReadmeHasTheResultsBlock() throws {
    let readme = try String(
      contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    let begin = try #require(readme.range(of: "<!-- results:begin -->"))
    let end = try #require(readme.range(of: "<!-- results:end -->"))
    #expect(begin.upperBound < end.lowerBound)
    #expect(readme.components(separatedBy: "<!-- results:begin -->").count == 2)
    let block = readme[begin.upperBound..<end.lowerBound]
    #expect(block.contains("by `scripts/results` in"), "the full run made it, not --quick")
    #expect(block.contains("| copy | gru |") && block.contains("| sine | sgd, --clip 1 |"))
  }
}
