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
