import Foundation
import RNNViews
import Testing

@testable import RNNScopeApp

/// Session 05's captions against the engine: an orthogonal W_hh scaled to ρ has every eigenvalue
/// on the circle of radius ρ and σ_max = ρ, so the bound drawn is ρ^k; the last loss's gradient
/// halves per step at ρ = ½, shrinks (less) at ρ = 1 and grows at ρ = 2, far less than 2^29.
struct Session05ClaimsTests {
  @Test func itsCaptionsHold() throws {
    let play = try SessionPlayer("05-eigenvalues.rnns")
    #expect(play.stops.count == 4)
    for (k, rho) in [(0, 0.5), (1, 0.5), (2, 1.0), (3, 2.0)] {
      let s = play.stops[k].state
      let figures = ScopeSpectrum(s, reusing: nil).figures
      #expect(abs(figures.radius - rho) < 1e-9 && abs(figures.sigmaMax - rho) < 1e-9)
      // "every eigenvalue lies on the circle": all |λ| equal ρ.
      let moduli = ScopeSpectrum(s, reusing: nil).eigenvalues.map(\.magnitude)
      #expect(moduli.allSatisfy { abs($0 - rho) < 1e-9 }, "stop \(k)")
      // The eigenvalues are on screen at every pause that names them.
      #expect(
        ScopeGrid(s).rect(.spectrum) != nil
          && ScopeGrid(s, width: 80, height: 24).rect(.spectrum) != nil)
      if k > 0 {
        #expect(ScopeGrid(s, width: 80, height: 24).rect(.gradient) != nil)
      }
    }
    let half = try #require(play.stops[1].state.bptt).lastLossHiddenGradNorms[0]
    let one = try #require(play.stops[2].state.bptt).lastLossHiddenGradNorms[0]
    let two = try #require(play.stops[3].state.bptt).lastLossHiddenGradNorms[0]
    // ρ = ½: "about the bound's pace, ½ per step": the mean factor within 0.4…0.5, under ρ^k.
    let halfRate = pow(half[0] / half[29], 1 / 29.0)
    #expect(halfRate > 0.4 && halfRate <= 0.5, "\(halfRate)")
    #expect(play.stops[1].caption?.contains(NumberFormat.scientific(half[0])) == true)
    // ρ = 1: the gradient shrinks, but by less than at ρ = ½.
    #expect(one[0] < one[29] && one[0] > half[0])
    #expect(play.stops[2].caption?.contains(NumberFormat.scientific(one[0])) == true)
    // ρ = 2: it grows going back, and by far less than 2^29 ≈ 5.4e8.
    #expect(two[0] > 10 * two[29] && two[0] / two[29] < 1e-3 * pow(2, 29))
    #expect(abs(pow(2, 29) - 5.4e8) < 0.05e8)
    let caption = try #require(play.stops[3].caption)
    #expect(
      caption.contains(NumberFormat.scientific(two[0]))
        && caption.contains(NumberFormat.scientific(two[29])))
  }

  /// The three regimes on seeds 1–5.
  @Test(arguments: 1...5) func theRegimesHoldOnOtherSeeds(seed: Int) throws {
    let play = try SessionPlayer("05-eigenvalues.rnns") {
      $0.replacingOccurrences(
        of: "task sine length=30\n", with: "task sine length=30\nmodel seed=\(seed)\n")
    }
    #expect(play.stops[0].state.options.seed == UInt64(seed))
    let half = try #require(play.stops[1].state.bptt).lastLossHiddenGradNorms[0]
    let one = try #require(play.stops[2].state.bptt).lastLossHiddenGradNorms[0]
    let two = try #require(play.stops[3].state.bptt).lastLossHiddenGradNorms[0]
    let halfRate = pow(half[0] / half[29], 1 / 29.0)
    #expect(halfRate > 0.4 && halfRate <= 0.5, "\(halfRate)")
    #expect(one[0] < one[29] && one[0] > half[0])
    #expect(two[0] > 10 * two[29] && two[0] / two[29] < 1e-3 * pow(2, 29))
  }
}
