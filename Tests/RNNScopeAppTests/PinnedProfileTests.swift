import Foundation
import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// `pin` keeps a gradient profile drawn in grey under the next ones, on one axis with them, through
/// stepping, backward passes and a change of activation; `axis lock` holds the axis's labels.
struct PinnedProfileTests {
  static func state() throws -> ScopeState {
    var o = ScopeOptions()
    o.task = .echo
    o.length = 30
    o.delay = 3
    var s = try ScopeState(options: o)
    _ = s.apply(.step(count: 30))
    return s
  }

  /// The gradient panel's gutter labels, top row of the bars to the last.
  static func labels(_ v: ScopeGrid) throws -> [String] {
    let r = try #require(v.rect(.gradient))
    return ((r.y + 2)..<(r.maxY - 3)).map { v.text($0, r.x + 1, r.x + 1 + TimeColumns.gutter) }
  }

  @Test func theGhostOfTanhLiesUnderSigmoidOnOneAxis() throws {
    var s = try Self.state()
    _ = s.handle(.char("B"))
    let tanh = s.bptt!.lastLossHiddenGradNorms[0]
    _ = s.handle(.char("p"))
    #expect(s.view.pinned?.label == "tanh, before training")
    _ = s.handle(.char("s"))
    #expect(s.config.activation == .sigmoid)
    _ = s.handle(.char("B"))
    let sigmoid = s.bptt!.lastLossHiddenGradNorms[0]
    #expect(s.view.pinned?.norms == tanh, "the pin survives the change of activation")
    // One axis for both: from the smallest of either to the largest.
    let all = (tanh + sigmoid).filter { $0 > 0 }
    #expect(
      s.gradientDecades
        == Int(log10(all.min()!).rounded(.down))...Int(log10(all.max()!).rounded(.up)))
    let v = ScopeGrid(s)
    let r = try #require(v.rect(.gradient))
    #expect(v.text(r.y, r.x, r.maxX).contains("grey: tanh, before training"))
    #expect(v.frame.columnWidth >= 2, "the ghost has a cell of its own beside each bar")
    // Ghost cells: each step's second cell, grey, as tall as the pinned norm.
    // (The legends' text, drawn over the lowest rows, is not a block.)
    let rows = (r.y + 2)..<(r.maxY - 3)
    func block(_ x: Int, _ y: Int) -> Bool { WindowMarksTests.blocks.contains(v.grid[x, y].char) }
    var greyCells = 0
    var higher = 0
    for t in v.steps(r, taken: 30) {
      let x = v.x(r, t) + 1
      for y in rows where block(x, y) {
        #expect(v.grid[x, y].fg == v.theme.ghost, "t=\(t) y=\(y)")
        greyCells += 1
      }
      // Where tanh's gradient is larger, its ghost reaches higher than sigmoid's bar beside it.
      func top(_ x: Int) -> Int? { rows.first { block(x, $0) } }
      if tanh[t] > 100 * sigmoid[t], let ghostTop = top(x), let barTop = top(x - 1) {
        #expect(ghostTop < barTop, "t=\(t)")
        higher += 1
      }
    }
    #expect(greyCells > 30)
    #expect(higher > 5, "steps where tanh's gradient outgrows sigmoid's were compared")
    _ = s.handle(.char("u"))
    #expect(s.view.pinned == nil)
    #expect(!ScopeGrid(s).grid.text.contains("grey:"))
  }

  @Test func thePinOutlivesSteppingAndABackwardPass() throws {
    var s = try Self.state()
    for line in ["backward", "pin before", "back 10", "step 5", "backward"] {
      if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(e)") }
    }
    #expect(s.view.pinned?.label == "before" && s.view.pinned?.norms.count == 30)
    #expect(s.pinnedNorms.count == 30, "the ghost reaches as far as the steps it was pinned over")
  }

  @Test func aGhostOfAnotherMeasureSaysWhichItIs() throws {
    var s = try Self.state()
    for line in ["backward", "pin", "set measure=total"] {
      _ = CommandLanguage.execute(line, on: &s)
    }
    let v = ScopeGrid(s)
    let r = try #require(v.rect(.gradient))
    #expect(v.text(r.y, r.x, r.maxX).contains("grey: tanh, before training (‖∂L_T/∂h_t‖)"))
  }

  @Test func aHeldAxisKeepsItsLabelsThroughANewRange() throws {
    var s = try Self.state()
    _ = s.handle(.char("B"))
    let before = try Self.labels(ScopeGrid(s))
    _ = CommandLanguage.execute("axis lock", on: &s)
    let held = s.view.gradientAxis
    #expect(held != nil && held == s.gradientDecades)
    _ = s.handle(.char("s"))
    _ = s.handle(.char("B"))
    #expect(try Self.labels(ScopeGrid(s)) == before, "held: the labels stay")
    _ = CommandLanguage.execute("axis auto", on: &s)
    #expect(try Self.labels(ScopeGrid(s)) != before, "auto: sigmoid's range has other labels")
    _ = CommandLanguage.execute("axis lock from=-24 to=1", on: &s)
    let labels = try Self.labels(ScopeGrid(s))
    #expect(labels.first == "  1e1┤")
    #expect(labels.contains { $0.contains("1e-") })
  }

  @Test func refusals() throws {
    var s = try Self.state()
    for (line, said) in [
      ("pin", "nothing to pin"), ("axis lock", "no axis to hold"),
      ("axis lock from=3 to=1", "from= below to="), ("axis lock from=3", "both from=X and to=X"),
      ("axis auto to=2", "no from= or to="),
      ("axis", "usage: axis auto|lock [panel=gradient|loss|heatmap] [from=X] [to=X]"),
      ("unpin", ""),
    ] {
      let r = CommandLanguage.execute(line, on: &s)
      if said.isEmpty {
        #expect(r == .message("nothing pinned"), "\(line)")
      } else if case .error(let e) = r {
        #expect(e.contains(said), "\(line): \(e)")
      } else {
        Issue.record("\(line) accepted")
      }
    }
  }
}
