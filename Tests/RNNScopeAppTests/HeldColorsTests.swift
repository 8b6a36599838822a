import Foundation
import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// `set range=lock` holds the heatmap's colours: a cell keeps its colour through steps that would
/// rescale the range, and the legend says the range is locked and what it is.
struct HeldColorsTests {
  static func run(_ line: String, _ s: inout ScopeState) -> CommandResult {
    CommandLanguage.execute(line, on: &s, context: CommandContext(headless: true))
  }

  /// Step 0's colour for unit 0, and the bottom row of the heatmap.
  static func look(_ s: ScopeState) throws -> (TermColor, String, Double) {
    let frame = ScopeFrame(s, width: 120, height: 40)
    let g = ScopeScreen.render(frame, theme: Theme())
    let inner = try #require(frame.layout?.panels[.heatmap]).inset(1)
    let x = inner.x + TimeColumns.gutter
    var legend = ""
    for x in inner.x..<inner.maxX { legend.unicodeScalars.append(g[x, inner.maxY - 1].char) }
    return (g[x, inner.y].fg, legend, frame.heatmap!.signedSpan.limit)
  }

  @Test func aLockedRangeKeepsACellsColourThroughStepsThatRescale() throws {
    var o = ScopeOptions()
    o.task = .echo
    o.length = 30
    var s = try ScopeState(options: o)
    _ = Self.run("step 2", &s)
    var unlocked = s
    let (before, legendBefore, limit) = try Self.look(s)
    guard case .message(let m) = Self.run("set range=lock", &s) else {
      Issue.record("set range=lock refused")
      return
    }
    #expect(m.contains("heatmap colours held: h ±\(NumberFormat.compact(limit))"), "\(m)")
    let (locked, legend, _) = try Self.look(s)
    #expect(locked == before, "locking changes no colour")
    #expect(legend.contains("+\(NumberFormat.compact(limit)) (locked)"), "\(legend)")
    #expect(legendBefore.contains("(data)") && !legend.contains("(data)"))
    _ = Self.run("step 28", &s)
    _ = Self.run("step 28", &unlocked)
    let (after, _, heldLimit) = try Self.look(s)
    let (rescaled, _, autoLimit) = try Self.look(unlocked)
    try #require(autoLimit != limit, "unlocked, the new steps rescale the colours")
    #expect(rescaled != before, "unlocked, step 0's cell changes colour")
    #expect(heldLimit == limit && after == before, "locked, it keeps its colour")
    _ = Self.run("set range=auto", &s)
    let unheld = try Self.look(s).0
    #expect(s.view.heldColors == nil && unheld == rescaled)
  }

  @Test func theHeatmapsAxisCommandIsTheSameLock() throws {
    var s = try ScopeState()
    _ = Self.run("step 3", &s)
    _ = Self.run("axis lock panel=heatmap", &s)
    let held = try #require(s.view.heldColors)
    #expect(held.from == .auto && held.gates == .unit)
    _ = Self.run("axis auto panel=heatmap", &s)
    #expect(s.view.heldColors == nil)
    guard case .error(let e) = Self.run("set range=locked", &s) else {
      Issue.record("range=locked accepted")
      return
    }
    #expect(e.contains("(did you mean lock?)") && e.contains("one of auto, data, fixed, lock"))
  }
}
