import Foundation
import RNNViews
import Testing

@testable import RNNScopeApp

/// Session 04's captions against the engine: a relu RNN with ρ(W_hh) = 2 whose last-loss gradient
/// grows going back, its tanh twin's that does not, plain SGD diverging within a few steps, and
/// the same run clipped to 1 training all its steps.
struct Session04ClaimsTests {
  @Test func itsCaptionsHold() throws {
    let play = try SessionPlayer("04-exploding-clipping.rnns")
    #expect(play.stops.count == 5)
    let start = play.stops[0].state
    #expect(start.config.activation == .relu)
    #expect(abs(ScopeSpectrum(start, reusing: nil).figures.radius - 2) < 1e-9)

    // "GROWS as it goes back": more than a hundredfold from t = 30 to t = 1, and on most of the
    // steps on screen (the ▴ marks of the ×back strip).
    let relu = try #require(play.stops[1].state.bptt).lastLossHiddenGradNorms[0]
    #expect(relu.count == 30)
    #expect(relu[0] > 100 * relu[29], "\(relu[0]) vs \(relu[29])")
    let growing = (1..<30).filter { relu[$0 - 1] > relu[$0] }.count
    #expect(growing >= 20, "\(growing) of 29 steps back grow")
    let caption = try #require(play.stops[1].caption)
    #expect(caption.contains(NumberFormat.scientific(relu[29])))
    #expect(caption.contains(NumberFormat.scientific(relu[0])))

    // The tanh twin, same weights: at t = 1 below 1 and a thousand times below the relu's.
    let split = play.stops[2].state
    let tanh = try #require(split.secondModel)
    #expect(tanh.config.activation == .tanh && tanh.model.parameters == split.model.parameters)
    let tanhLast = try #require(tanh.bptt).lastLossHiddenGradNorms[0]
    #expect(tanhLast[0] < 1 && tanhLast[0] < relu[0] / 1000)
    #expect(play.stops[2].caption?.contains(NumberFormat.scientific(tanhLast[0])) == true)

    // "the loss overflows after {trained} steps … keeps the last finite weights — wrecked ones".
    let diverged = play.stops[3].state
    #expect(diverged.trainedSteps < 10)
    #expect(diverged.training.fault != nil)
    #expect(diverged.model.parameters.firstNonFinite == nil)
    #expect(ScopeSpectrum(diverged, reusing: nil).figures.radius > 1e10)
    #expect(play.stops[3].caption?.contains("after \(diverged.trainedSteps) steps") == true)

    // "all 300 steps, no divergence, and the loss falls" (tenfold, first logged to last).
    let clipped = play.stops[4].state
    #expect(clipped.trainedSteps == 300 && clipped.training.fault == nil)
    let losses = clipped.training.history.loss
    let first = try #require(losses.first)
    let last = try #require(losses.last)
    #expect(losses.allSatisfy { $0.isFinite })
    #expect(last < first / 10, "\(first) → \(last)")
  }

  /// The growth, divergence without clipping and 300 clean steps with it, on seeds 1–5.
  @Test(arguments: 1...5) func clippingSavesTheRunOnOtherSeeds(seed: Int) throws {
    let play = try SessionPlayer("04-exploding-clipping.rnns") {
      $0.replacingOccurrences(
        of: "model activation=relu\n", with: "model activation=relu seed=\(seed)\n")
    }
    #expect(play.stops[0].state.options.seed == UInt64(seed))
    // Growth at least tenfold (seed 4's is 86-fold, the session's 370-fold).
    let relu = try #require(play.stops[1].state.bptt).lastLossHiddenGradNorms[0]
    #expect(relu[0] > 10 * relu[29], "\(relu[0]) vs \(relu[29])")
    let diverged = play.stops[3].state
    #expect(diverged.trainedSteps < 10 && diverged.training.fault != nil)
    let clipped = play.stops[4].state
    #expect(clipped.trainedSteps == 300 && clipped.training.fault == nil)
    let losses = clipped.training.history.loss
    #expect(try #require(losses.last) < (try #require(losses.first)) / 10)
  }
}
