import Foundation
import RNNCore
import RNNViews
import Testing

@testable import RNNScopeApp

/// Session 16's captions against the engine: the integrator's slow points (descents stopped at
/// q ≤ 1e-8) lie on one line whose readouts span a range of sums, and at the selected one ∂F/∂s
/// has one eigenvalue near 1 and the next well below — each figure as the caption quotes it, the
/// spectrum panel on screen at 120×40 and 80×24. (Seeds 1–5: scripts/line-attractor-seeds.)
struct Session16ClaimsTests {
  @Test func itsCaptionsHold() throws {
    let play = try SessionPlayer("16-line-attractor.rnns")
    #expect(play.stops.count == 3)
    let found = try #require(play.stops[1].state.session.fixedPoints)
    let points = found.report.points
    #expect(points.count >= 20)
    #expect(points.allSatisfy { $0.q <= 1e-8 || ($0.gradientNorm <= 1e-8 && $0.q < 1e-7) })
    let pca = try #require(PrincipalComponents(points.map(\.state)))
    #expect(pca.shares[0] > 0.99)
    let sums = points.map { $0.readout[0] }
    let caption = try #require(play.stops[1].caption)
    #expect(caption.contains("\(points.count) points, on one line"))
    #expect(caption.contains(String(format: "holds %.3f", pca.shares[0])))
    #expect(caption.contains(String(format: "from %+.2f to %+.2f", sums.min()!, sums.max()!)))
    #expect(sums.max()! - sums.min()! > 0.5, "a range of sums")

    let last = play.stops[2].state
    let i = try #require(last.session.fixedPoints?.selected)
    let m = points[i].eigenvalues.map(\.magnitude).sorted(by: >)
    #expect(abs(m[0] - 1) < 0.03 && m[1] < m[0] - 0.05, "\(m.prefix(2))")
    let shown = try #require(play.stops[2].caption)
    #expect(shown.contains("ρ = \(NumberFormat.short(m[0]))"))
    #expect(shown.contains("(\(NumberFormat.short(m[1])))"))
    for (w, h) in [(120, 40), (80, 24)] {
      let g = ScopeGrid(last, width: w, height: h)
      #expect(g.rect(.spectrum) != nil, "the spectrum panel at \(w)×\(h)")
    }
  }
}
