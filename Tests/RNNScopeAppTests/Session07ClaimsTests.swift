import Foundation
import RNNCore
import RNNViews
import Testing

@testable import RNNScopeApp

/// Session 07's captions against the engine: an untrained GRU on the copy task with z near 0.5
/// and a last-loss gradient that shrinks at every step back; trained 2000 steps it writes the
/// symbols back, units hold z > 0.9 through the 10 blank steps, and ‖∂L_T/∂h_1‖ stays within a
/// factor of 10 of ‖∂L_T/∂h_T‖ — at least 1000 times the untrained ratio.
///
/// Measured before choosing the setting (hidden 16, Adam lr 0.01, clip 1, batch 16, 2000 steps),
/// seeds 1–7, with the default OpenBLAS kernels and with OPENBLAS_CORETYPE=Haswell: every seed
/// had 3 to 10 units with z > 0.9 over steps 6–15, wrote back 4/5 or 5/5 of its sequence, and
/// ‖∂L_T/∂h_1‖ / ‖∂L_T/∂h_T‖ went from 3e-5…4e-4 untrained to 0.4…2.8 trained. The session plays
/// seed 3; the test replays it at seeds 1, 2, 4 and 5 too.
struct Session07ClaimsTests {
  static let name = "07-gru.rnns"

  /// z of the top layer at step t (0-based), per unit.
  static func z(_ s: ScopeState, _ t: Int) -> [Double] {
    Array(s.pass.steps[t].layers[s.config.numLayers - 1].gate(GRUGate.z))
  }

  /// The units whose z stays above `level` at every blank step (steps 6–15, 0-based 5..<15).
  static func holding(_ s: ScopeState, above level: Double = 0.9) -> [Int] {
    (0..<s.config.hiddenSize).filter { u in (5..<15).allSatisfy { z(s, $0)[u] > level } }
  }

  /// ‖∂L_T/∂h_t‖ of the top layer, t = 1…T.
  static func last(_ s: ScopeState) throws -> [Double] {
    try #require(s.bptt?.lastLossHiddenGradNorms[s.config.numLayers - 1])
  }

  /// The right predictions and the judged ones on the sequence shown.
  static func recalled(_ s: ScopeState) -> (right: Int, judged: Int) {
    let judged = (0..<s.stepsTaken).compactMap { s.isCorrect($0) }
    return (judged.filter { $0 }.count, judged.count)
  }

  /// Whether `text` appears in a row of the screen at `width`×`height`.
  static func onScreen(_ s: ScopeState, _ text: String, _ width: Int, _ height: Int) -> Bool {
    let g = ScopeGrid(s, width: width, height: height)
    return (0..<height).contains { g.text($0, 0, width).contains(text) }
  }

  @Test(arguments: [3, 1, 2, 4, 5]) func itsCaptionsHold(seed: Int) throws {
    let play = try SessionPlayer(
      seed == 3
        ? Self.name
        : SessionVariant.path(
          of: Self.name, replacing: "hidden=16 seed=3\n", with: "hidden=16 seed=\(seed)\n"))
    #expect(play.stops[0].state.options.seed == UInt64(seed))
    #expect(play.stops.count == 4)
    let sizes = [(120, 40), (80, 24)]

    // Stop 0: the copy task's layout, and an untrained z near 0.5.
    let intro = play.stops[0].state
    #expect(intro.config.cell == .gru && intro.trainedSteps == 0)
    #expect(intro.stepsTaken == 20)
    let labels = (0..<20).map { intro.inputLabel($0) }
    #expect(labels[0..<5].allSatisfy { $0 != "_" && $0 != "!" }, "5 symbols: \(labels)")
    #expect(labels[5..<15].allSatisfy { $0 == "_" }, "10 blanks: \(labels)")
    #expect(labels[15] == "!", "the cue: \(labels)")
    #expect((0..<20).filter { intro.isCorrect($0) != nil } == Array(15..<20), "recall after !")
    let zs = (0..<20).flatMap { Self.z(intro, $0) }
    let meanZ = zs.reduce(0, +) / Double(zs.count)
    #expect(abs(meanZ - 0.5) < 0.05, "mean z untrained \(meanZ)")
    #expect(zs.allSatisfy { $0 > 0.2 && $0 < 0.8 }, "z near 0.5 everywhere")
    for (w, h) in sizes {
      #expect(Self.onScreen(intro, "update gate z", w, h), "the z rows at \(w)×\(h)")
    }

    // Stop 1: the untrained last-loss gradient, shrinking at every step back; both ends live.
    let untrained = play.stops[1].state
    #expect(untrained.view.measure == .last)
    let g0 = try Self.last(untrained)
    #expect(g0.count == 20)
    #expect((1..<20).allSatisfy { g0[$0 - 1] < g0[$0] }, "shrinks at every step back: \(g0)")
    let caption1 = try #require(play.stops[1].caption)
    #expect(caption1.contains("from \(NumberFormat.scientific(g0[19])) at step 20"))
    #expect(caption1.contains("to \(NumberFormat.scientific(g0[0])) at step 1"))
    #expect(Self.holding(untrained).isEmpty, "untrained, no unit holds z > 0.9")
    for (w, h) in sizes {
      #expect(Self.onScreen(untrained, "‖∂L_T/∂h_t‖", w, h), "the gradient at \(w)×\(h)")
    }

    // Stop 2: trained; the recall quoted live; the gradient reaches back.
    let trained = play.stops[2].state
    #expect(trained.trainedSteps == 2000)
    #expect(trained.options.optimizer == .adam && trained.options.clip == 1)
    #expect(trained.options.batch == 16 && trained.options.learningRate == 0.01)
    let caption2 = try #require(play.stops[2].caption)
    #expect(caption2.contains("After 2000 training steps"))
    let r = Self.recalled(trained)
    #expect(r.judged == 5 && r.right >= 4, "writes back \(r.right)/\(r.judged)")
    #expect(caption2.contains("writes back \(r.right)/\(r.judged) of"))
    let g1 = try Self.last(trained)
    #expect(caption2.contains("is \(NumberFormat.scientific(g1[0])) at step 1"))
    #expect(caption2.contains("against \(NumberFormat.scientific(g1[19])) at step 20"))
    // "about as strong as it started": within a factor of 10 of step T, and the contrast.
    let ratio = g1[0] / g1[19]
    #expect(ratio > 0.1 && ratio < 10, "‖∂L_T/∂h_1‖ / ‖∂L_T/∂h_T‖ = \(ratio)")
    #expect(ratio > 1000 * (g0[0] / g0[19]))
    let pin = try #require(trained.view.pinned)
    #expect(pin.label == "untrained" && pin.norms == g0)
    for (w, h) in sizes {
      #expect(Self.onScreen(trained, "grey: untrained", w, h), "the ghost at \(w)×\(h)")
      #expect(Self.onScreen(trained, "‖∂L_T/∂h_t‖", w, h), "the gradient at \(w)×\(h)")
    }

    // Stop 3: several units hold z above 0.9 through all 10 blank steps.
    let gates = play.stops[3].state
    #expect(Self.holding(gates).count >= 3, "units holding z > 0.9: \(Self.holding(gates))")
    for (w, h) in sizes {
      #expect(Self.onScreen(gates, "update gate z", w, h), "the z rows at \(w)×\(h)")
    }
  }
}
