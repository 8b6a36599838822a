import Foundation
import RNNViews
import Testing

@testable import RNNCore
@testable import RNNScopeApp

/// Session 09's captions against the engine: four padded steps in the middle of the sequence keep
/// the state and add no loss, greyed in the strip; the last loss's gradient crosses them unchanged.
struct Session09ClaimsTests {
  @Test func itsCaptionsHold() throws {
    let play = try SessionPlayer("09-masks.rnns")
    #expect(play.stops.count == 4)
    let eight = play.stops[1].state
    #expect(eight.stepsTaken == 8)
    #expect(play.stops[1].caption?.contains(NumberFormat.short(eight.pass.totalLoss)) == true)

    // t = 9…12 padded (indices 8…11): the state of step 8 carried, no loss, nothing judged.
    let padded = play.stops[2].state
    #expect(padded.stepsTaken == 12)
    let h8 = padded.record(7)?.hidden
    #expect(h8 != nil)
    for t in 8..<12 {
      guard let r = padded.record(t) else {
        Issue.record("no step \(t + 1) on the tape")
        continue
      }
      #expect(!r.active && r.loss == nil && padded.isCorrect(t) == nil, "t=\(t + 1)")
      #expect(r.hidden == h8, "the state after step 8, exactly, at t=\(t + 1)")
    }
    #expect(padded.pass.totalLoss == eight.pass.totalLoss, "the loss did not grow")
    #expect(play.stops[2].caption?.contains(NumberFormat.short(padded.pass.totalLoss)) == true)
    for (w, h) in [(120, 40), (80, 24)] {
      let g = ScopeGrid(padded, width: w, height: h)
      // Greyed in the sequence strip: the prediction row shows ░ in the dim colour.
      let strip = try #require(g.rect(.sequence), "\(w)×\(h)")
      for t in 8..<12 {
        let c = g.grid[g.x(strip, t), strip.y + 3]
        #expect(c.char == "░" && c.fg == g.theme.dim, "t=\(t + 1) at \(w)×\(h)")
      }
      // The heatmap's columns 9 to 12 repeat column 8, cell for cell.
      let map = try #require(g.rect(.heatmap), "\(w)×\(h)")
      let rows = (map.y + 1)..<(map.maxY - 3)
      #expect(rows.count >= 4)
      for t in 8..<12 {
        for y in rows {
          let a = g.grid[g.x(map, 7), y]
          let b = g.grid[g.x(map, t), y]
          #expect(a.char == b.char && a.fg == b.fg && a.bg == b.bg, "t=\(t + 1), row \(y)")
        }
      }
    }

    // Back from L_T: ∂L_T/∂h_t the same vector at t = 8 and at every padded step.
    let last = play.stops[3].state
    let b = try #require(last.bptt)
    #expect(last.stepsTaken == 20 && b.mode == .full && last.view.measure == .last)
    #expect(b.lastLossStep == 19)
    let grads = b.lastLossHiddenGradients[0]
    let norms = b.lastLossHiddenGradNorms[0]
    #expect(norms[7] > 0)
    for t in 8..<12 {
      #expect(grads[t] == grads[7] && norms[t] == norms[7], "t=\(t + 1)")
    }
    #expect(play.stops[3].caption?.contains(NumberFormat.scientific(norms[7])) == true)
    for (w, h) in [(120, 40), (80, 24)] {
      let g = ScopeGrid(last, width: w, height: h)
      let r = try #require(g.rect(.gradient), "\(w)×\(h)")
      #expect(g.steps(r, taken: 20) == 0..<20, "every step in view at \(w)×\(h)")
      let row = try #require(
        (r.y + 1..<r.maxY).first { g.text($0, r.x + 1, r.x + 6) == "×back" }, "\(w)×\(h)")
      // "×back reads =" at the padded steps: the factor from t back to t − 1 is 1.
      for t in 8..<12 {
        #expect(g.grid[g.x(r, t), row].char == "=", "t=\(t + 1) at \(w)×\(h)")
      }
      #expect(g.grid[g.x(r, 12), row].char != "=", "an ordinary step multiplies")
    }
  }
}

/// The same claims on the session's setting with five weight seeds: the padded steps keep h_8 and
/// add no loss; ∂L_T/∂h_t is the same at t = 8 and at every padded step.
struct Session09SeedTests {
  static let text =
    "text the quick brown fox jumps over the lazy dog. the dog sleeps; the fox runs."

  @Test(arguments: 1...5) func paddingCarriesStateAndGradient(seed: Int) throws {
    var s = try ScopeState()
    for line in [Self.text, "model seed=\(seed)", "step 8"] {
      if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(e)") }
    }
    let loss = s.pass.totalLoss
    for line in ["pad 4", "step 8", "set measure=last", "backward"] {
      if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(e)") }
    }
    #expect(s.stepsTaken == 20)
    let h8 = s.record(7)?.hidden
    #expect(h8 != nil)
    let g = try #require(s.bptt).lastLossHiddenGradients[0]
    for t in 8..<12 {
      #expect(s.record(t)?.hidden == h8 && s.record(t)?.loss == nil, "seed \(seed), t=\(t + 1)")
      #expect(g[t] == g[7], "seed \(seed), t=\(t + 1)")
    }
    let padded = (8..<12).compactMap { s.record($0)?.loss }
    #expect(padded.isEmpty)
    let first12 = (0..<12).compactMap { s.record($0)?.loss }.reduce(0, +)
    #expect(abs(first12 - loss) <= 1e-12 * loss, "seed \(seed): no loss added by the padding")
  }
}
