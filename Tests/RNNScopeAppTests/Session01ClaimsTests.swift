import Foundation
import RNNViews
import Testing

@testable import RNNScopeApp

/// Session 01's captions against the engine: one column per step, an untrained loss near a uniform
/// guess's, pre-activations in tanh's linear region.
struct Session01ClaimsTests {
  @Test func itsCaptionsHold() throws {
    let play = try SessionPlayer("01-forward-pass.rnns")
    #expect(play.stops.count == 5)
    let one = play.stops[1].state
    #expect(one.stepsTaken == 1, "one step: the heatmap has one column")
    let ten = play.stops[2].state
    #expect(ten.stepsTaken == 10)
    // "no better than a uniform guess": Σ L within 10 % of 10 · ln 29.
    let uniform = 10 * log(29.0)
    #expect(abs(ten.pass.totalLoss - uniform) / uniform < 0.1, "Σ L = \(ten.pass.totalLoss)")
    #expect(play.stops[2].caption?.contains(NumberFormat.short(ten.pass.totalLoss)) == true)
    // "Near 0, tanh' is close to 1: these units are in their linear region": most of them.
    let g = ScopeGrid(play.stops[3].state)
    let sat = try #require(g.frame.derivative?.saturation)
    #expect(sat.linear > sat.middle + sat.saturated, "\(sat)")
  }
}
