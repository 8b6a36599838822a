import Foundation
import RNNCore
import RNNViews
import Testing

@testable import RNNScopeApp

/// Session 14's captions against the engine: an LSTM on the copy task (20-step wait) trained
/// 5000 steps at PyTorch's default initialisation, then the same draw with the forget gate's bias
/// at 2 trained the same way; the second's loss ends far below the first's, pinned grey.
///
/// Measured before choosing the setting (hidden 16, Adam lr 0.01, clip 1, batch 16, 5000 steps),
/// seeds 1–5, with the default OpenBLAS kernels and with OPENBLAS_CORETYPE=Haswell: the training
/// loss at the end (rnnscope run's "loss a → b") was 0.52…0.92 at the default bias and 0.004…0.32
/// at bias 2 — lower on 10 of 10 runs, at most 0.49 of the default's. At 3000 steps seed 3 did
/// not hold, hence 5000. Training takes long in a debug build, so this test plays the session's
/// own seed (4) only.
struct Session14ClaimsTests {
  static let name = "14-forget-bias-init.rnns"

  /// The mean of the last tenth of a loss curve.
  static func end(_ loss: [Double]) -> Double {
    let tail = loss.suffix(max(1, loss.count / 10))
    return tail.reduce(0, +) / Double(tail.count)
  }

  /// The model the session draws, untrained, with `lines` after its `model` line; run through
  /// the sequence.
  static func start(_ lines: [String]) throws -> ScopeState {
    var s = try ScopeState()
    for line in ["task copy delay=20 length=5 alphabet=4", "model cell=lstm hidden=16 seed=4"]
      + lines + ["run"]
    {
      if case .error(let e) = CommandLanguage.execute(line, on: &s) {
        Issue.record("\(line): \(e)")
      }
    }
    return s
  }

  /// The mean of f over every unit and step of the tape.
  static func meanF(_ s: ScopeState) -> Double {
    let f = s.pass.steps.flatMap { $0.layers[0].gate(LSTMGate.f) }
    return f.reduce(0, +) / Double(f.count)
  }

  static func onScreen(_ s: ScopeState, _ text: String, _ width: Int, _ height: Int) -> Bool {
    let g = ScopeGrid(s, width: width, height: height)
    return (0..<height).contains { g.text($0, 0, width).contains(text) }
  }

  @Test func itsCaptionsHold() throws {
    let play = try SessionPlayer(Self.name)
    #expect(play.stops.count == 2)
    let sizes = [(120, 40), (80, 24)]

    // "forget-gate bias around 0, so f ≈ 0.5 at the start"; "the same draw with … 2, so f ≈
    // σ(2) ≈ 0.88 at the start": the untrained models, built as the session builds them.
    let zero = try Self.start([])
    let two = try Self.start(["init pytorch forget-bias=2"])
    let H = 16
    let fRows = LSTMGate.f.rows(hidden: H)
    let p = zero.model.parameters.layers[0]
    let q = two.model.parameters.layers[0]
    #expect(fRows.allSatisfy { abs(p.biasIH[$0] + p.biasHH[$0]) < 2 / sqrt(Double(H)) })
    #expect(abs(Self.meanF(zero) - 0.5) < 0.05, "f at the start, bias 0: \(Self.meanF(zero))")
    #expect(abs(Self.meanF(two) - 0.88) < 0.05, "f at the start, bias 2: \(Self.meanF(two))")
    #expect(abs(1 / (1 + exp(-2.0)) - 0.88) < 0.005)
    #expect(p.weightIH == q.weightIH && p.weightHH == q.weightHH)
    #expect(fRows.allSatisfy { q.biasIH[$0] + q.biasHH[$0] == 2 })
    #expect(
      (0..<(4 * H)).filter { !fRows.contains($0) }.allSatisfy { p.biasIH[$0] == q.biasIH[$0] })

    // Stop 0: the default trained 5000 steps; the recall quoted live; the training panel shown.
    let first = play.stops[0].state
    #expect(first.trainedSteps == 5000 && first.options.seed == 4)
    #expect(first.options.optimizer == .adam && first.options.learningRate == 0.01)
    #expect(first.options.clip == 1 && first.options.batch == 16)
    let caption0 = try #require(play.stops[0].caption)
    #expect(caption0.contains("trained 5000 steps on the copy task with a 20-step wait"))
    // The copy task's layout: 5 symbols, a 20-step wait, the cue, then the recall.
    let labels = (0..<first.stepsTaken).map { first.inputLabel($0) }
    #expect(labels.count == 30 && labels[5..<25].allSatisfy { $0 == "_" } && labels[25] == "!")
    #expect((0..<30).filter { first.isCorrect($0) != nil } == Array(25..<30))
    let right0 = (0..<first.stepsTaken).compactMap { first.isCorrect($0) }.filter { $0 }.count
    #expect(caption0.contains("writes back \(right0)/5 (chance"))
    for (w, h) in sizes {
      #expect(Self.onScreen(first, "loss", w, h) && first.isTrainingVisible(w, h), "\(w)×\(h)")
    }

    // Stop 1: bias 2, trained the same; its loss ends far below the default's, pinned grey.
    let second = play.stops[1].state
    #expect(second.trainedSteps == 5000 && second.options.seed == 4)
    let pin = try #require(second.view.pinnedRun)
    #expect(pin.label == "forget bias 0" && pin.loss == first.history.loss)
    let a = Self.end(first.history.loss)
    let b = Self.end(second.history.loss)
    #expect(b < 0.5 * a, "the loss at the end: \(b) at bias 2, \(a) at the default")
    let caption1 = try #require(play.stops[1].caption)
    let right1 = (0..<second.stepsTaken).compactMap { second.isCorrect($0) }.filter { $0 }.count
    #expect(caption1.contains("trained 5000 steps"))
    #expect(caption1.contains("writes back \(right1)/5 of"))
    for (w, h) in sizes {
      #expect(Self.onScreen(second, "grey: forget bias 0", w, h), "the ghost at \(w)×\(h)")
    }
  }
}

extension ScopeState {
  /// Whether the training panel is on the screen at `width`×`height`.
  fileprivate func isTrainingVisible(_ width: Int, _ height: Int) -> Bool {
    ScopeGrid(self, width: width, height: height).rect(.training) != nil
  }
}
