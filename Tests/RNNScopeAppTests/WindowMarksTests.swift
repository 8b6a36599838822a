import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// A truncated backward pass draws its windows on the heatmap's and the gradient panel's time axis:
/// the last loss's window bracketed and labelled, the other windows' first steps marked, and the
/// last loss's gradient is exactly 0 before its window's edge — no bar there.
struct WindowMarksTests {
  static let blocks: Set<Unicode.Scalar> = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  static func state() throws -> ScopeState {
    var o = ScopeOptions()
    o.task = .echo
    o.length = 40
    o.delay = 3
    var s = try ScopeState(options: o)
    for line in ["step 40", "backward k1=5 k2=15"] {
      if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(e)") }
    }
    return s
  }

  @Test func theLastLossStopsAtItsWindowsEdgeOnScreen() throws {
    let s = try Self.state()
    let b = try #require(s.bptt)
    #expect(b.lastLossStep == 39 && b.lastLossWindow?.steps == 25...39)
    let norms = b.lastLossHiddenGradNorms[0]
    #expect(norms[..<25].allSatisfy { $0 == 0 } && norms[25] > 0, "0 beyond the edge, exactly")
    let v = ScopeGrid(s)
    let r = try #require(v.rect(.gradient))
    let row = r.y + 2  // the marks' row, under the header
    #expect(v.grid[v.x(r, 25), row].char == "├")
    #expect(v.grid[v.x(r, 39) + v.frame.columnWidth - 1, row].char == "┤")
    let bracket = v.text(row, v.x(r, 25), v.x(r, 39) + v.frame.columnWidth)
    #expect(bracket.hasPrefix("├─") && bracket.hasSuffix("─┤"), "\(bracket)")
    #expect(bracket.contains("TBPTT k1=5 k2=15 window"), "the label inside the bracket")
    // The other windows start at 20, 15, 10, 5 (and 0, scrolled out of view here).
    let shown = v.steps(r, taken: 40)
    #expect(shown.contains(10))
    for t in [5, 10, 15, 20] where shown.contains(t) {
      #expect(v.grid[v.x(r, t), row].char == "╷", "t=\(t)")
    }
    // No bar before the edge, a bar at it.
    let plotRows = (row + 1)..<(r.maxY - 3)
    var zeros = 0
    for t in shown {
      let cells = plotRows.map { v.grid[v.x(r, t), $0].char }
      let bar = cells.contains { Self.blocks.contains($0) }
      #expect(bar == (t >= 25), "t=\(t)")
      if t < 25 && cells.last == "0" { zeros += 1 }
    }
    // An exact 0 shows as "0" on the lowest row (where no legend covers it).
    #expect(zeros >= 8)
    // The heatmap's time row marks the same edge.
    let h = try #require(v.rect(.heatmap))
    #expect(v.grid[v.x(h, 25), h.maxY - 3].char == "├")
    #expect(v.grid[v.x(h, 20), h.maxY - 3].char == "╷")
  }

  @Test func aFullPassDrawsNoWindows() throws {
    var s = try Self.state()
    _ = s.apply(.backward(animate: false, mode: .full))
    let v = ScopeGrid(s)
    let r = try #require(v.rect(.gradient))
    #expect(!v.grid.text.contains("TBPTT"))
    #expect(v.grid[v.x(r, 25), r.y + 2].char != "├")
  }

  /// At 80×24 the marks go on the time row (the bars keep their rows), the label shortened to fit
  /// clear of the cursor's tag.
  @Test func aLowPanelMarksTheWindowsOnItsTimeRow() throws {
    let s = try Self.state()
    let v = ScopeGrid(s, width: 80, height: 24)
    let r = try #require(v.rect(.gradient))
    let row = r.maxY - 2
    #expect(v.grid[v.x(r, 25), row].char == "├")
    let text = v.text(row, r.x + 1, r.maxX - 1)
    #expect(text.contains("TBPTT k1=5 k2=15 ├"), "\(text)")
    #expect(text.contains("t=40") && v.grid[v.x(r, 39), row].char == "▲", "the cursor's tag whole")
    #expect(!v.text(r.y + 2, r.x + 1, r.maxX - 1).contains("├"), "no row of its own")
  }
}
