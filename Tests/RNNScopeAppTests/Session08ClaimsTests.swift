import Foundation
import RNNViews
import Testing

@testable import RNNCore
@testable import RNNScopeApp

/// Session 08's captions against the engine: the last loss's gradient under full BPTT reaches
/// every step, shrinking; truncated, it equals full BPTT's inside L_T's window and is exactly 0
/// beyond the window's edge — on screen at 120×40 and 80×24.
struct Session08ClaimsTests {
  @Test func itsCaptionsHold() throws {
    let play = try SessionPlayer("08-truncated-bptt.rnns")
    #expect(play.stops.count == 3)
    let full = play.stops[0].state
    let fb = try #require(full.bptt)
    #expect(fb.mode == .full && full.stepsTaken == 30 && full.view.measure == .last)
    let f = fb.lastLossHiddenGradNorms[0]
    #expect(f.count == 30)
    // "goes back through every step, shrinking on its way to t = 1".
    #expect(f.allSatisfy { $0 > 0 }, "every step reached")
    #expect(f[0] < f[29], "smaller at t = 1 than at T: \(f[0]) vs \(f[29])")
    #expect(play.stops[0].caption?.contains(NumberFormat.scientific(f[0])) == true)
    // "pinned in grey, on a held axis".
    #expect(full.view.pinned?.label == "full BPTT" && full.view.pinned?.norms == f)
    #expect(full.view.gradientAxis != nil)

    // k1 = k2 = 10: L_T's window t = 21…30; k1 = 5, k2 = 15: back to t = 16.
    for (k, mode, edge) in [
      (1, BPTTMode.truncated(k1: 10, k2: 10), 20), (2, .truncated(k1: 5, k2: 15), 15),
    ] {
      let s = play.stops[k].state
      let b = try #require(s.bptt)
      #expect(b.mode == mode)
      #expect(b.lastLossWindow?.steps == edge...29, "stop \(k)")
      let n = b.lastLossHiddenGradNorms[0]
      #expect(n[..<edge].allSatisfy { $0 == 0 }, "exactly 0 beyond the edge, stop \(k)")
      #expect(n[edge...] == f[edge...], "equal to full BPTT's inside the window, stop \(k)")
      // No window's losses go back more than k2 steps (k = 1: windows of 10, each its own).
      let k2 = k == 1 ? 10 : 15
      #expect(b.windows.allSatisfy { $0.losses.upperBound - $0.steps.lowerBound < k2 })
      if k == 1 {
        #expect(b.windows.map(\.steps) == [0...9, 10...19, 20...29])
        #expect(b.windows.allSatisfy { $0.losses == $0.steps })
      }
      #expect(s.view.pinned?.norms == f && s.view.gradientAxis == full.view.gradientAxis)
      for (w, h) in [(120, 40), (80, 24)] {
        let g = ScopeGrid(s, width: w, height: h)
        let r = try #require(g.rect(.gradient), "\(w)×\(h)")
        let shown = g.steps(r, taken: 30)
        #expect(shown == 0..<30, "every step in view at \(w)×\(h)")
        #expect(g.grid.text.contains("TBPTT"), "the window labelled at \(w)×\(h)")
        #expect(g.grid.text.contains("grey: full BPTT"), "the pinned profile named")
        let marks = (r.y + 1..<r.maxY).contains { g.grid[g.x(r, edge), $0].char == "├" }
        #expect(marks, "the window's edge marked at \(w)×\(h)")
      }
    }
    #expect(play.stops[1].caption?.contains(NumberFormat.scientific(0)) == true)
  }
}

/// The same claims on the session's setting with five weight seeds: shrinking back to t = 1 under
/// full BPTT; truncated, exactly 0 beyond the window's edge and full BPTT's inside it.
struct Session08SeedTests {
  static let text =
    "text the quick brown fox jumps over the lazy dog. the dog sleeps; the fox runs."

  @Test(arguments: 1...5) func truncationStopsAtTheEdge(seed: Int) throws {
    var s = try ScopeState()
    for line in [Self.text, "model seed=\(seed)", "step 30", "set measure=last", "backward"] {
      if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(e)") }
    }
    let f = try #require(s.bptt).lastLossHiddenGradNorms[0]
    #expect(f.count == 30 && f.allSatisfy { $0 > 0 } && f[0] < f[29], "seed \(seed)")
    for (line, edge) in [("backward k1=10 k2=10", 20), ("backward k1=5 k2=15", 15)] {
      _ = CommandLanguage.execute(line, on: &s)
      let n = try #require(s.bptt).lastLossHiddenGradNorms[0]
      #expect(n[..<edge].allSatisfy { $0 == 0 } && n[edge...] == f[edge...], "seed \(seed)")
    }
  }
}
