import Foundation
import RNNViews
import Testing

@testable import RNNScopeApp

/// Session 02's captions against the engine: the last loss's gradient vanishes over 30 steps, the
/// whole loss's does not, the Pascanu bound is vacuous for the default weights and binding for an
/// orthogonal W_hh scaled to 0.8.
struct Session02ClaimsTests {
  @Test func itsCaptionsHold() throws {
    let play = try SessionPlayer("02-bptt-vanishing.rnns")
    #expect(play.stops.count == 5)
    #expect(play.stops[0].state.stepsTaken == 30)

    // "It leaves t = 30 at … and reaches t = 1 at …": the last loss's gradient falls by more
    // than a hundredfold over the 29 steps back.
    let vanishing = try #require(play.stops[1].state.bptt)
    let last = vanishing.lastLossHiddenGradNorms[0]
    #expect(last.count == 30)
    #expect(last[0] < last[29] / 100, "\(last[0]) vs \(last[29])")
    let shown = try #require(play.stops[1].caption)
    #expect(shown.contains(NumberFormat.scientific(last[29])))
    #expect(shown.contains(NumberFormat.scientific(last[0])))

    // "The WHOLE loss … does not decay like this": at t = 1 it is within a factor 3 of its
    // value at t = 30, and a hundred times the last loss's.
    let total = vanishing.hiddenGradNorms[0]
    #expect(total[0] > total[29] / 3)
    #expect(total[0] > 100 * last[0])

    // "γ·σ_max … is above 1 … the real factors, the ▾ strip, are below 1 at every step".
    let third = play.stops[3].state
    let figures = ScopeSpectrum(third, reusing: nil).figures
    #expect(figures.sigmaMax * third.config.activation.derivativeBound > 1)
    let factors = (1..<30).map { last[$0 - 1] / last[$0] }
    #expect(factors.allSatisfy { $0 < 1 }, "\(factors)")
    #expect(
      play.stops[3].caption?.contains(NumberFormat.short(figures.sigmaMax, digits: 2)) == true)

    // "every bar stays under its diamond": ‖∂L_T/∂h_t‖ ≤ (γ·σ_max)^(T−t) ‖∂L_T/∂h_T‖ at every t.
    let fifth = play.stops[4].state
    let bound = ScopeSpectrum(fifth, reusing: nil).figures.sigmaMax
    #expect(abs(bound - 0.8) < 1e-9)
    let bounded = try #require(fifth.bptt).lastLossHiddenGradNorms[0]
    for t in 0..<30 {
      let limit = pow(bound, Double(29 - t)) * bounded[29]
      #expect(bounded[t] <= limit * (1 + 1e-12), "t = \(t + 1)")
    }
  }

  /// The untrained tanh RNN's gradient vanishing while γ·σ_max > 1 is not one seed's luck: it
  /// holds on seeds 1–5.
  @Test(arguments: 1...5) func theVacuousBoundHoldsOnOtherSeeds(seed: Int) throws {
    let play = try SessionPlayer("02-bptt-vanishing.rnns") {
      $0.replacingOccurrences(of: "\nstep 30\n", with: "\nmodel seed=\(seed)\nstep 30\n")
    }
    let s = play.stops[3].state
    #expect(s.options.seed == UInt64(seed))
    let last = try #require(s.bptt).lastLossHiddenGradNorms[0]
    #expect(ScopeSpectrum(s, reusing: nil).figures.sigmaMax > 1)
    #expect(last[0] < last[29] / 100)
    #expect((1..<30).allSatisfy { last[$0 - 1] < last[$0] })
  }
}
