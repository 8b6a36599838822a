import Testing

@testable import RNNScopeApp

/// The derivative panel's count of linear, between and saturated units is never cut mid-word: a
/// narrow panel drops the explanation, then the prefix, then shortens the words.
struct SaturationLineTests {
  @Test(arguments: [(120, 40), (80, 24)])
  func theCountsShowWhole(_ width: Int, _ height: Int) throws {
    var s = try ScopeState()
    _ = s.handle(.char(" "))
    let g = ScopeGrid(s, width: width, height: height)
    let r = try #require(g.rect(.derivative))
    let row = g.text(r.maxY - 2, r.x + 1, r.maxX - 1).trimmingCharacters(in: .whitespaces)
    let sat = try #require(g.frame.derivative?.saturation, "one step taken")
    let counts = (sat.linear, sat.middle, sat.saturated)
    let forms = [
      "units: \(counts.0) linear · \(counts.1) between · \(counts.2) saturated (φ' < 10% of peak)",
      "units: \(counts.0) linear · \(counts.1) between · \(counts.2) saturated",
      "\(counts.0) linear · \(counts.1) between · \(counts.2) saturated",
      "\(counts.0) lin · \(counts.1) mid · \(counts.2) sat",
    ]
    #expect(forms.contains(row), "\(width)×\(height): \(row)")
  }
}
