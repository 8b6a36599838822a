import RNNCore
import RNNViews
import Testing

@testable import RNNScopeApp

/// The units panel: the traced units' values over time on the heatmap's time columns with the
/// text read under them, and the keys that pick units (, . m).
struct UnitsPanelTests {
  static func run(_ line: String, _ s: inout ScopeState) {
    if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(line): \(e)") }
  }

  static func press(_ c: Character, _ s: inout ScopeState) {
    let a = KeyMap.action(for: .char(c), state: s)
    if case .error(let e) = s.apply(a) { Issue.record("\(c): \(e)") }
  }

  /// A char RNN that has read 30 characters of a short text.
  static func reading() throws -> ScopeState {
    var s = try ScopeState()
    run("model hidden=8 seed=3", &s)
    run("text the cat sat on the mat. the dog ran off.", &s)
    run("step 30", &s)
    return s
  }

  @Test func keysPickAlongEveryUnitAndKeep() throws {
    var s = try Self.reading()
    #expect(s.view.tracedUnits.isEmpty)
    Self.press(".", &s)
    #expect(s.view.tracedUnits == ["h 0"])
    #expect(s.view.brought.first == .units)
    Self.press(".", &s)
    #expect(s.view.tracedUnits == ["h 1"])
    Self.press("m", &s)
    Self.press(".", &s)
    Self.press(".", &s)
    #expect(s.shownUnits == ["h 3", "h 1"], "m kept h 1 while . moved on")
    Self.press(",", &s)
    #expect(s.shownUnits == ["h 2", "h 1"])
    // m on a kept unit lets it go.
    Self.press(",", &s)
    Self.press("m", &s)
    #expect(s.shownUnits == ["h 1"])
    // , before the first wraps round to the last unit.
    Self.run("unit off", &s)
    Self.press(",", &s)
    #expect(s.view.tracedUnits == ["h 7"])
  }

  @Test func keysWalkFindsList() throws {
    var s = try Self.reading()
    Self.run("find space top=4", &s)
    let found = s.view.found
    #expect(found.count == 4)
    Self.press(".", &s)
    #expect(s.view.tracedUnit == found[0])
    Self.press(".", &s)
    #expect(s.view.tracedUnit == found[1])
    Self.press(",", &s)
    Self.press(",", &s)
    #expect(s.view.tracedUnit == found[3], "wraps round")
  }

  @Test func panelComesUnderTheHeatmapOnItsTimeColumns() throws {
    var s = try Self.reading()
    let before = ScopeGrid(s)
    #expect(before.rect(.units) == nil)
    #expect(before.frame.layout?.hidden.contains(.units) == false, "not missed when not traced")
    Self.run("unit h 2,5", &s)
    let g = ScopeGrid(s)
    let r = try #require(g.rect(.units))
    let heat = try #require(g.rect(.heatmap))
    let grad = try #require(g.rect(.gradient), "both fit at 120×40")
    #expect(r.y == heat.maxY && grad.y == r.maxY && r.x == heat.x && r.width == heat.width)
    // The legend names both, the first in the first unit colour.
    let legend = g.text(r.y + 1, r.x + 1, r.maxX - 1)
    #expect(legend.contains("h 2 (colours x_t)") && legend.contains("h 5"))
    #expect(g.grid[r.x + 3, r.y + 1].fg == g.theme.unitColors[0])
    // The text read under the plot, each character on its step's column.
    let textY = r.maxY - 2
    let steps = g.steps(r, taken: s.stepsTaken)
    #expect(!steps.isEmpty)
    for t in steps {
      let want = g.theme.visibleLabel(s.inputLabel(t)).unicodeScalars.first!
      #expect(g.grid[g.x(r, t), textY].char == want, "t=\(t)")
    }
    // The y range: the greatest value in view at the top left, the least at the bottom.
    let v2 = try #require(s.unitValues("h 2")?.values)
    let v5 = try #require(s.unitValues("h 5")?.values)
    let inView = steps.map { $0 - s.firstKept }
    let all = inView.map { v2[$0] } + inView.map { v5[$0] }
    let top = NumberFormat.short(all.max()!, digits: 2)
    #expect(g.text(r.y + 2, r.x + 1, r.x + 1 + top.count) == top)
    let bottom = NumberFormat.short(all.min()!, digits: 2)
    #expect(g.text(textY - 1, r.x + 1, r.x + 1 + bottom.count) == bottom)
    // h 2's greatest value in view is drawn in its colour in its step's column, on the top row
    // (unless h 5 shares the cell, whose colour then gives way to h 2's).
    let tMax = steps.max { v2[$0 - s.firstKept] < v2[$1 - s.firstKept] }!
    if v2[tMax - s.firstKept] == all.max()! {
      let cells = (0..<g.frame.columnWidth).map { g.grid[g.x(r, tMax) + $0, r.y + 2] }
      #expect(cells.contains { $0.fg == g.theme.unitColors[0] && $0.char != " " })
    }
    // unit off: the panel goes and the gradient panel has its room back.
    Self.run("unit off", &s)
    #expect(ScopeGrid(s).rect(.units) == nil)
  }

  @Test func smallScreenTradesTheGradientPanel() throws {
    var s = try Self.reading()
    Self.run("unit h 1", &s)
    var g = ScopeGrid(s, width: 80, height: 24)
    #expect(g.rect(.units) != nil, "brought after the gradient panel")
    #expect(g.rect(.gradient) == nil)
    #expect(g.frame.layout?.hidden.contains(.gradient) == true)
    Self.run("view gradient", &s)
    g = ScopeGrid(s, width: 80, height: 24)
    #expect(g.rect(.gradient) != nil && g.rect(.units) == nil)
    // Tab reaches the units panel while units are traced, and not after unit off.
    Self.run("unit off", &s)
    var seen: Set<PanelID> = []
    for _ in 0..<PanelID.allCases.count {
      _ = s.apply(KeyMap.action(for: .tab, state: s))
      seen.insert(s.focus)
    }
    #expect(!seen.contains(.units))
    guard case .error(let e) = CommandLanguage.execute("view units", on: &s) else {
      Issue.record("view units without units")
      return
    }
    #expect(e.contains("no units traced"))
  }
}
