import Foundation
import RNNViews
import Testing

@testable import RNNScopeApp

/// Session 11's captions against the engine: a tanh RNN and a GRU trained alike on the copy task
/// (delay 10), the RNN's loss pinned under the GRU's on one held axis; the RNN's loss stays near
/// ln 4, the GRU's falls far below it, and the GRU's ‖∂L_T/∂h_1‖ is over 10^5 times the RNN's.
struct Session11ClaimsTests {
  /// The mean of the last tenth of a loss curve: where the curve ends, not one noisy batch.
  func ending(_ loss: [Double]) -> Double {
    let tail = loss.suffix(max(1, loss.count / 10))
    return tail.reduce(0, +) / Double(tail.count)
  }

  /// ‖∂L_T/∂h_1‖ of the top layer, as {grad.last[1]} quotes it.
  func lastLossGradientAtStepOne(_ s: ScopeState) throws -> Double {
    let b = try #require(s.bptt)
    return try #require(b.lastLossHiddenGradNorms[s.config.numLayers - 1].first)
  }

  /// The cells of the README's results row `| task | model | … |` (scripts/results' table).
  func readmeRow(_ task: String, _ model: String) throws -> [String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(
      contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let begin = try #require(readme.range(of: "<!-- results:begin -->"))
    let end = try #require(readme.range(of: "<!-- results:end -->"))
    let block = readme[begin.upperBound..<end.lowerBound]
    let line = try #require(
      block.split(separator: "\n").first { $0.hasPrefix("| \(task) | \(model) |") })
    return line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
  }

  func readmeBlockHas(_ text: String) throws -> Bool {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(
      contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let begin = try #require(readme.range(of: "<!-- results:begin -->"))
    let end = try #require(readme.range(of: "<!-- results:end -->"))
    return readme[begin.upperBound..<end.lowerBound].contains(text)
  }

  @Test func itsCaptionsHold() throws {
    let play = try SessionPlayer("11-rnn-vs-gated.rnns")
    #expect(play.stops.count == 6)
    guard play.stops.count == 6 else { return }
    let rnn = play.stops[1].state
    let rnnGradient = play.stops[2].state
    let gru = play.stops[3].state
    let gruGradient = play.stops[4].state
    #expect(rnn.config.cell == .rnn && gru.config.cell == .gru)
    #expect(rnn.config.hiddenSize == 24 && gru.config.hiddenSize == 24)
    #expect(rnn.trainedSteps == 600 && gru.trainedSteps == 600)
    #expect(play.stops[1].caption?.contains("after 600 training steps") == true)
    #expect(play.stops[3].caption?.contains("after 600 steps") == true)
    // Both loss curves on one axis held at 0…2, the RNN's pinned under the GRU's.
    #expect(gru.view.lossAxis == 0...2)
    let pinned = try #require(gru.view.pinnedRun)
    #expect(pinned.label == "tanh RNN")
    #expect(pinned.loss == rnn.training.history.loss)
    // "its loss stays near ln 4 = 1.39": where its curve ends, within 0.05 of ln 4.
    let rnnEnd = ending(rnn.training.history.loss)
    #expect(abs(rnnEnd - log(4.0)) < 0.05, "the RNN's loss ends at \(rnnEnd)")
    // "its loss falls well below the RNN's": by more than 0.2 where the curves end.
    let gruEnd = ending(gru.training.history.loss)
    #expect(gruEnd < rnnEnd - 0.2, "GRU \(gruEnd), RNN \(rnnEnd)")
    // The accuracies quoted live; on this seed the GRU recalls more of the sequence than the RNN
    // (on one sequence of 5 recalls this is not so on every seed, and no caption says it is).
    func recalled(_ s: ScopeState) -> Int {
      (s.firstKept..<s.stepsTaken).compactMap { s.isCorrect($0) }.filter { $0 }.count
    }
    #expect(recalled(gru) > recalled(rnn), "GRU \(recalled(gru)), RNN \(recalled(rnn))")
    #expect(play.stops[1].caption?.contains("\(recalled(rnn))/5 recalled") == true)
    #expect(play.stops[3].caption?.contains("\(recalled(gru))/5 recalled") == true)
    // "falls step by step back to … at the first symbol": the RNN's profile falls at every step.
    let b = try #require(rnnGradient.bptt)
    let rnnProfile = b.lastLossHiddenGradNorms[0]
    #expect(zip(rnnProfile, rnnProfile.dropFirst()).allSatisfy { $0 <= $1 }, "\(rnnProfile)")
    // "‖∂L_T/∂h_1‖ = …, at least a tenth of ‖∂L_T/∂h_T‖ and over 10^5 times the RNN's"
    let gRNN = try lastLossGradientAtStepOne(rnnGradient)
    let gGRU = try lastLossGradientAtStepOne(gruGradient)
    let gruProfile = try #require(gruGradient.bptt).lastLossHiddenGradNorms[0]
    #expect(gGRU > 1e5 * gRNN, "GRU \(gGRU), RNN \(gRNN)")
    #expect(gGRU >= 0.1 * gruProfile.last!, "\(gruProfile)")
    #expect(play.stops[2].caption?.contains(NumberFormat.scientific(gRNN)) == true)
    #expect(play.stops[4].caption?.contains(NumberFormat.scientific(gGRU)) == true)
    // The gradient pauses show the gradient panel, the loss pauses the training panel.
    #expect(rnn.view.focus == .training && gru.view.focus == .training)
    #expect(rnnGradient.view.focus == .gradient && gruGradient.view.focus == .gradient)
    // The last caption quotes the README's scripts/results table: its copy rows and contrast.
    let last = try #require(play.stops[5].caption)
    let gruRow = try readmeRow("copy", "gru")
    let rnnRow = try readmeRow("copy", "rnn (tanh)")
    #expect(last.contains("GRU accuracy \(gruRow[2])"), "README: \(gruRow[2])")
    #expect(last.contains("tanh RNN \(rnnRow[2])"), "README: \(rnnRow[2])")
    #expect(try readmeBlockHas("GRU accuracy above the tanh RNN's: on 10 of 10 runs."))
    #expect(try readmeBlockHas("3000 steps:"))
    #expect(try readmeBlockHas("seeds 1–5"))
    #expect(last.contains("on 10 of 10 runs"))
  }
}
