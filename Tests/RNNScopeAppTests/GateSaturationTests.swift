import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// The derivative panel gives a gated cell's gates the saturation count the candidate has: each
/// gate's share of units below 0.1 or above 0.9 at the cursor.
struct GateSaturationTests {
  @Test func eachGatesSaturatedShareIsShown() throws {
    var o = ScopeOptions()
    o.cell = .lstm
    o.task = .echo
    o.length = 20
    o.initialization.forgetBias = 3  // σ(3) ≈ 0.95: the forget gate starts saturated
    var s = try ScopeState(options: o)
    _ = s.apply(.step(count: 10))
    let gates = try #require(s.record(s.cursor)?.layers.first?.gates)
    func share(_ g: LSTMGate) -> Int {
      let v = gates[g.rows(hidden: s.config.hiddenSize)]
      return Int(
        (Double(v.filter { $0 < 0.1 || $0 > 0.9 }.count) / Double(v.count) * 100).rounded())
    }
    let text = ScopeScreen.render(s, width: 120, height: 40, theme: Theme()).text
    // The panel is narrow at 120×40: the short wording.
    let line = "gates saturated: f \(share(.f)) % i \(share(.i)) % o \(share(.o)) %"
    let shown = text.split(separator: "\n").first { $0.contains("gates saturated") }
    #expect(shown?.contains(line) == true, "\(line) | \(shown ?? "none")")
    #expect(share(.f) > 50, "the forget bias saturates f")
  }
}
