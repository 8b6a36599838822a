import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// The gradient panel's axis is set by the whole profile: it stays put while the backward animation
/// reveals the bars one by one.
struct GradientAxisTests {
  /// The gradient panel's gutter, row by row: its axis labels.
  static func axis(_ s: ScopeState) throws -> [String] {
    let frame = ScopeFrame(s, width: 120, height: 40)
    let g = ScopeScreen.render(frame, theme: Theme())
    let r = try #require(frame.layout?.panels[.gradient])
    var rows: [String] = []
    for y in (r.y + 2)..<(r.maxY - 2) {
      var row = ""
      for x in (r.x + 1)..<(r.x + 1 + TimeColumns.gutter) {
        row.unicodeScalars.append(g[x, y].char)
      }
      rows.append(row)
    }
    return rows
  }

  @Test func theAxisDoesNotRescaleDuringTheBackwardAnimation() throws {
    var o = ScopeOptions()
    o.task = .echo
    o.length = 40
    o.delay = 5
    var s = try ScopeState(options: o)
    _ = s.apply(.step(count: 40))
    _ = s.apply(.backward(animate: true, mode: .full))
    #expect(s.isAnimating)
    var seen: [[String]] = [try Self.axis(s)]
    while s.isAnimating {
      _ = s.tick(seconds: 0.5)
      seen.append(try Self.axis(s))
    }
    #expect(seen.count > 3, "the walk back took several frames")
    #expect(Set(seen).count == 1, "one axis from the first bar to the last")
    #expect(seen[0].contains { $0.contains("1e-") }, "decade labels drawn")
  }
}

/// The bound of Pascanu et al. is honest on screen: its factor γ·σ_max with ρ and σ_max beside it,
/// "vacuous" when the factor reaches 1, and ▲ on the top edge where it leaves the chart.
struct GradientBoundTests {
  static func screen(radius: Double) throws -> (text: String, top: String) {
    var s = try ScopeState()
    for line in ["init orthogonal radius=\(radius)", "step 40", "backward"] {
      if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(e)") }
    }
    let frame = ScopeFrame(s, width: 120, height: 40)
    let g = ScopeScreen.render(frame, theme: Theme())
    let r = try #require(frame.layout?.panels[.gradient])
    var top = ""
    for x in r.x..<r.maxX { top.unicodeScalars.append(g[x, r.y + 2].char) }
    return (g.text, top)
  }

  @Test func aContractingBoundShowsItsFactorAndTheSpectrum() throws {
    let (text, _) = try Self.screen(radius: 0.5)
    #expect(text.contains("◆ bound (γ·σ_max)^(T−t), γ·σ_max = 0.50"))
    #expect(text.contains("ρ = 0.50  σ_max = 0.50  γ = 1.00"))
    #expect(!text.contains("vacuous"))
  }

  @Test func aGrowingBoundSaysItIsVacuousAndMarksWhereItLeavesTheChart() throws {
    let (text, top) = try Self.screen(radius: 1.5)
    #expect(text.contains("◆ bound vacuous: γ·σ_max = 1.50 ≥ 1, ▲ above the chart"))
    #expect(top.contains("▲"), "the bound above the chart marked on its top edge")
  }
}
