import RNNCore
import RNNViews
import Testing

@testable import RNNScopeApp

/// The trajectory panel: the top layer's states on the tape projected on two principal
/// components, brought with `view trajectory`, the cursor's state marked where it projects.
struct TrajectoryPanelTests {
  static func run(_ line: String, _ s: inout ScopeState) {
    if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(line): \(e)") }
  }

  @Test func projectsTheStatesOnTheTape() throws {
    var s = try ScopeState()
    Self.run("task sine", &s)
    Self.run("step 25", &s)
    Self.run("view trajectory", &s)
    let g = ScopeGrid(s)
    let r = try #require(g.rect(.trajectory))
    let states = s.pass.steps.map { $0.hidden[0] }
    let pca = try #require(PrincipalComponents(states))
    let pct = { (v: Double) in "\(Int((v * 100).rounded()))%" }
    let title = g.text(r.y, r.x, r.maxX)
    #expect(
      title.contains(
        "trajectory of h · PC1 \(pct(pca.shares[0])) × PC2 \(pct(pca.shares[1]))"), "\(title)")
    // The cursor's state (the last step) marked where the panel's own mapping puts it.
    let points = states.map { h in
      let v = pca.project(h, onto: [0, 1])
      return (v[0], v[1])
    }
    let inner = r.inset(1)
    let px = TrajectoryPanel.pixels(points, w: inner.width * 2, h: (inner.height - 1) * 4)
    let last = px[s.cursor - s.firstKept]
    let cell = g.grid[inner.x + last.0 / 2, inner.y + 1 + last.1 / 4]
    #expect(cell.char == "●" && cell.fg == g.theme.accent)
    // The first step's pixel is drawn, in the darkest band.
    let first = px[0]
    let c0 = g.grid[inner.x + first.0 / 2, inner.y + 1 + first.1 / 4]
    #expect(c0.char != " ")
    // Other components on request; refused beyond the state's size.
    Self.run("view trajectory 1,3", &s)
    #expect(ScopeGrid(s).text(r.y, r.x, r.maxX).contains("PC1 \(pct(pca.shares[0])) × PC3"))
    guard case .error(let e) = CommandLanguage.execute("view trajectory 1,40", on: &s) else {
      Issue.record("PC40 of 16 components")
      return
    }
    #expect(e.contains("16 components"))
  }

  @Test func saysWhatItNeeds() throws {
    var s = try ScopeState()
    Self.run("step 1", &s)
    Self.run("view trajectory", &s)
    let g = ScopeGrid(s, width: 80, height: 24)
    let r = try #require(g.rect(.trajectory), "brought at 80×24 too")
    #expect(g.text(r.y + 1, r.x + 1, r.maxX - 1).hasPrefix("take two steps or more"))
  }
}
