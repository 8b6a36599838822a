import RNNViews
import Testing

@testable import RNNScopeApp

/// The readout's unit values fit their five columns whatever their size, without a cut exponent.
struct ReadoutValueTests {
  @Test(arguments: [
    (0.734, "+0.73"), (-0.001, "-0.00"), (-1.3e-5, "-0.00"), (0, "+0.00"), (-9.999, "-10.0"),
    (12.34, "+12.3"), (-456.2, "-456"), (74.4, "+74.4"), (3.2e12, "+3e12"), (-4.1e264, "-e264"),
    (1234, "+1e3"), (.infinity, "+Inf"), (.nan, "NaN"),
  ])
  func valuesFitFiveColumns(_ v: Double, _ shown: String) {
    #expect(ReadoutPanel.fiveWide(v) == shown)
    #expect(ReadoutPanel.fiveWide(v).count <= 5)
  }
}

/// The flip-flop's three channels at the cursor: the strip names each pulse by its channel and
/// sign ("2-", "·" without one) and leaves the three-channel target to the readout, which shows
/// every channel of the input, the target and the output.
struct FlipFlopReadoutTests {
  @Test func everyChannelIsShown() throws {
    var s = try ScopeState()
    _ = CommandLanguage.execute("task flipflop", on: &s)
    _ = CommandLanguage.execute("run", on: &s)
    let inputs = s.session.example.inputs
    let pulse = try #require(
      inputs.indices.first {
        guard case .vector(let v) = inputs[$0] else { return false }
        return v.contains { $0 != 0 }
      })
    guard case .vector(let v) = inputs[pulse] else { return }
    let k = try #require(v.firstIndex { $0 != 0 })
    #expect(s.inputLabel(pulse) == "\(k + 1)" + (v[k] > 0 ? "+" : "-"))
    let quiet = try #require(
      inputs.indices.first {
        guard case .vector(let v) = inputs[$0] else { return false }
        return v.allSatisfy { $0 == 0 }
      })
    #expect(s.inputLabel(quiet) == "·")
    #expect(s.targetLabel(pulse) == "")
    _ = CommandLanguage.execute("cursor \(pulse + 1)", on: &s)
    let g = ScopeGrid(s, width: 120, height: 40)
    let r = try #require(g.rect(.readout))
    let rows = (r.y..<r.maxY).map { g.text($0, r.x, r.maxX) }
    let target = try #require(s.session.example.targets[pulse])
    guard case .vector(let y) = target else { return }
    let want = "(" + y.map { ($0 > 0 ? "+" : "") + "\(Int($0))" }.joined(separator: ", ") + ")"
    #expect(rows.contains { $0.contains("target \(want)") }, "\(rows)")
    #expect(rows.contains { $0.contains("output (") }, "\(rows)")
    // The pulse's label is red for +1, blue for −1, off the cursor.
    _ = CommandLanguage.execute("cursor 1", on: &s)
    let h = ScopeGrid(s, width: 120, height: 40)
    let strip = try #require(h.rect(.sequence))
    let x = h.x(strip, pulse)
    #expect(h.grid[x, strip.y + 1].fg == .rgb(Theme().diverging(v[k] > 0 ? 0.9 : -0.9)))
  }
}
