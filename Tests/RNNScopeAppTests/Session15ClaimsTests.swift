import Foundation
import RNNCore
import RNNViews
import Testing

@testable import RNNScopeApp

/// Session 15's captions against the engine: 300 steps of training lower the loss; the fully
/// trained flip-flop network's stable fixed points are its eight memories (eight sign patterns in
/// their readouts), with saddles between them, and point 9, a saddle, has exactly one eigenvalue of
/// ∂F/∂s outside the unit circle — each figure quoted as the caption shows it, and the panels it
/// points at on screen at 120×40 and 80×24.
struct Session15ClaimsTests {
  @Test func itsCaptionsHold() throws {
    let play = try SessionPlayer("15-flipflop.rnns")
    #expect(play.stops.count == 5)
    let untrained = play.stops[0].state
    // 300 steps of training lower the loss and raise the share right.
    let short = play.stops[1].state
    #expect(short.trainedSteps == 300)
    let loss = short.history.loss
    #expect(loss.count == 300 && loss.last! < loss.first! / 2, "\(loss.first!) → \(loss.last!)")
    let early = (0..<short.stepsTaken).compactMap { short.isCorrect($0) }
    let before = (0..<untrained.stepsTaken).compactMap { untrained.isCorrect($0) }
    #expect(early.filter { $0 }.count > before.filter { $0 }.count)
    let trained = play.stops[2].state
    // "Untrained, N steps are right" and then all of them.
    let judged = (0..<untrained.stepsTaken).compactMap { untrained.isCorrect($0) }
    #expect(judged.count == 100 && judged.filter { $0 }.count < 30)
    let right = (0..<trained.stepsTaken).compactMap { trained.isCorrect($0) }
    #expect(right.count == 600 && right.allSatisfy { $0 })
    #expect(play.stops[2].caption?.contains("600/600 right") == true)

    let found = try #require(play.stops[3].state.session.fixedPoints)
    let points = found.report.points
    let stable = points.filter { $0.isFixed && $0.stability == .stable }
    let saddles = points.filter { $0.isFixed && $0.stability.name == "saddle" }
    #expect(stable.count == 8)
    #expect(Set(stable.map { $0.readout.map { $0 > 0 } }).count == 8)
    #expect(saddles.count >= 1)
    let caption = try #require(play.stops[3].caption)
    #expect(caption.contains("8 stable points") && caption.contains("8 sign patterns"))
    #expect(caption.contains("\(saddles.count) saddles"))

    let last = play.stops[4].state
    let i = try #require(last.session.fixedPoints?.selected)
    #expect(i == 8)
    let p = points[i]
    #expect(p.stability == .saddle(unstable: 1))
    #expect(p.eigenvalues.filter { $0.magnitude > 1 }.count == 1)
    let rho = p.eigenvalues.map(\.magnitude).max()!
    #expect(play.stops[4].caption?.contains("ρ = \(NumberFormat.short(rho))") == true)

    for (w, h) in [(120, 40), (80, 24)] {
      let g3 = ScopeGrid(play.stops[3].state, width: w, height: h)
      #expect(g3.rect(.trajectory) != nil, "the points' panel at \(w)×\(h)")
      let g4 = ScopeGrid(last, width: w, height: h)
      let r = try #require(g4.rect(.spectrum), "the spectrum panel at \(w)×\(h)")
      #expect(g4.text(r.y, r.x, r.maxX).contains("∂F/∂s at point 9"), "\(w)×\(h)")
    }
  }
}
