import Foundation
import RNNCore
import Testing

@testable import RNNScopeApp

/// `find`: every unit's Pearson r with a predicate over the text read, as numpy computes it from
/// PyTorch's own states (Tests/Layouts/char_permuted_vocab, scripts/golden/make_layouts.py).
struct FindUnitsTests {
  static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Layouts/char_permuted_vocab")

  static func run(_ line: String, _ s: inout ScopeState) {
    if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(line): \(e)") }
  }

  @Test func correlationsAreNumpys() throws {
    let want =
      try JSONSerialization.jsonObject(
        with: try Data(contentsOf: Self.dir.appendingPathComponent("expected.json")))
      as! [String: Any]
    let numpy = want["find_space"] as! [String: Double]
    var s = try ScopeState()
    Self.run("text the cat sat on the mat. the dog ran.", &s)
    Self.run("load weights " + Self.dir.appendingPathComponent("weights.safetensors").path, &s)
    Self.run("run", &s)
    let ranked = try s.rankedUnits(.space)
    // Every h and c unit (and the four gates: 6 series of 10 units).
    #expect(ranked.count == 60)
    for (label, r) in ranked where label.hasPrefix("h ") || label.hasPrefix("c ") {
      let n = try #require(numpy[label], "\(label)")
      #expect(abs(r - n) < 1e-9, "\(label): \(r) vs numpy \(n)")
    }
    #expect(zip(ranked, ranked.dropFirst()).allSatisfy { abs($0.r) >= abs($1.r) })
    // The report lists the strongest first, with its r.
    guard case .message(let m) = CommandLanguage.execute("find space top=3", on: &s) else {
      Issue.record("find space")
      return
    }
    let lines = m.split(separator: "\n")
    #expect(lines.count == 5)
    #expect(lines[4] == "unit top colours the inputs by \(ranked[0].label)")
    #expect(lines[1].contains(ranked[0].label))
    #expect(lines[1].contains(String(format: "%.3f", abs(ranked[0].r))))
  }

  @Test func predicatesOverAText() {
    let text = Array("say \"hi\"\nOK 2.")
    #expect(TextPredicate.space.values(text) == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0])
    #expect(TextPredicate.inQuotes.values(text) == [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    #expect(TextPredicate.linePosition.values(text) == [1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5])
    #expect(TextPredicate.upper.values(text).reduce(0, +) == 2)
    #expect(TextPredicate.digit.values(text).reduce(0, +) == 1)
    #expect(UnitCorrelation.pearson([1, 2, 3], [2, 4, 6])! == 1)
    #expect(UnitCorrelation.pearson([1, 1, 1], [2, 4, 6]) == nil, "a constant unit has no r")
  }

  @Test func refusalsSayWhy() throws {
    var s = try ScopeState()
    guard case .error(let e) = CommandLanguage.execute("find space", on: &s) else {
      Issue.record("find before any step")
      return
    }
    #expect(e.contains("take at least 3 steps first"))
    Self.run("task sine", &s)
    Self.run("run", &s)
    guard case .error(let f) = CommandLanguage.execute("find space", on: &s) else {
      Issue.record("find on a sine")
      return
    }
    #expect(f.contains("needs a text"))
    guard case .error(let g) = CommandLanguage.execute("find spaces", on: &s) else {
      Issue.record("find spaces")
      return
    }
    #expect(g.contains("no predicate 'spaces'") && g.contains("space"))
  }

  /// `unit h 3`: each input in the sequence strip is coloured by h_3's value at its step, on the
  /// heatmap's diverging map scaled by the largest |h_3| on the tape; the title names the unit.
  @Test func aUnitColoursTheInputs() throws {
    var s = try ScopeState()
    Self.run("step 12", &s)
    Self.run("cursor 1", &s)
    Self.run("unit h 3", &s)
    let values = s.pass.steps.map { $0.hidden[0][3] }
    let m = values.map(abs).max()!
    let g = ScopeGrid(s)
    let strip = try #require(g.rect(.sequence))
    #expect(g.text(strip.y, strip.x, strip.x + strip.width).contains("x_t coloured by h 3"))
    // Step 1 carries the cursor's highlight; the others the unit's colour.
    for t in 1..<12 {
      let cell = g.grid[g.x(strip, t), strip.y + 1]
      #expect(cell.bg == .rgb(g.theme.diverging(values[t] / m)), "step \(t + 1)")
    }
    #expect(values.contains { $0 < 0 } && values.contains { $0 > 0 }, "both colours are drawn")
    // Several: the first colours the strip, show units plots all over the text.
    Self.run("unit h 3,5", &s)
    #expect(s.view.tracedUnits == ["h 3", "h 5"] && s.view.tracedUnit == "h 3")
    guard case .message(let plot) = CommandLanguage.execute("show units", on: &s) else {
      Issue.record("show units")
      return
    }
    let rows = plot.split(separator: "\n").map(String.init)
    #expect(rows.count == 4)
    let bars = Array(rows[1].dropFirst(6).prefix(12))
    // The block of the step with h_3's greatest value is the full one, of its least the lowest.
    #expect(bars[values.firstIndex(of: values.max()!)!] == "█")
    #expect(bars[values.firstIndex(of: values.min()!)!] == "▁")
    #expect(rows[3] == "x_t   the␣quick␣br")
    // A new model forgets the units picked on the old one.
    var other = s
    Self.run("model hidden=4", &other)
    #expect(other.view.tracedUnits.isEmpty)
    guard case .message(let none) = CommandLanguage.execute("show units", on: &other) else {
      Issue.record("show units")
      return
    }
    #expect(none.hasPrefix("no units traced"))
    Self.run("unit off", &s)
    let plain = ScopeGrid(s)
    #expect(plain.grid[plain.x(strip, 5), strip.y + 1].bg == .standard)
    guard case .error(let e) = CommandLanguage.execute("unit c 3", on: &s) else {
      Issue.record("a vanilla RNN has no c")
      return
    }
    #expect(e.contains("no unit 'c 3'") && e.contains("sections h"))
  }

  /// A character LSTM trained (by make_layouts.py, in PyTorch) on narration and quoted speech: on a
  /// held-out passage `find inquotes` ranks first a unit that tracks the open quote, the one numpy
  /// ranks first among h and c, with numpy's r.
  @Test func aQuoteTrackingUnitRanksFirst() throws {
    let dir = Self.dir.deletingLastPathComponent().appendingPathComponent("char_quotes")
    let want =
      try JSONSerialization.jsonObject(
        with: try Data(contentsOf: dir.appendingPathComponent("expected.json"))) as! [String: Any]
    let numpy = want["find_inquotes"] as! [String: Double]
    var s = try ScopeState()
    Self.run("text " + (want["passage"] as! String), &s)
    Self.run("load weights " + dir.appendingPathComponent("weights.safetensors").path, &s)
    Self.run("run", &s)
    let ranked = try s.rankedUnits(.inQuotes)
    let first = try #require(ranked.first)
    #expect(abs(first.r) > 0.7, "\(first)")
    let states = ranked.filter { $0.label.hasPrefix("h ") || $0.label.hasPrefix("c ") }
    #expect(states[0].label == want["best"] as! String)
    for (label, r) in states {
      #expect(abs(r - numpy[label]!) < 1e-9, "\(label)")
    }
    // `unit top` traces the unit find listed first.
    guard case .error(let e) = CommandLanguage.execute("unit top", on: &s) else {
      Issue.record("unit top before find")
      return
    }
    #expect(e.contains("find ranks the units first"))
    Self.run("find inquotes top=3", &s)
    Self.run("unit top", &s)
    #expect(s.view.tracedUnit == first.label)
  }

  /// Typed on the `:` line, `find`'s ranked list goes to the output pane (the status line holds
  /// one line), in view at 80×24 as at 120×40.
  @Test func theRankedListIsInTheOutputPane() throws {
    var s = try ScopeState()
    Self.run("text the cat sat on the mat. the dog ran.", &s)
    Self.run("load weights " + Self.dir.appendingPathComponent("weights.safetensors").path, &s)
    Self.run("run", &s)
    let colon = CommandContext(headless: false, echo: .statusLine)
    guard case .message(let m) = CommandLanguage.execute("find space top=3", on: &s, context: colon)
    else {
      Issue.record("find space")
      return
    }
    #expect(s.view.output?.lines.joined(separator: "\n") == m)
    #expect(s.message == "find space: in the output pane ([ ] scroll, o closes)")
    let first = try #require(s.rankedUnits(.space).first)
    for (w, h) in [(120, 40), (80, 24)] {
      let g = ScopeGrid(s, width: w, height: h)
      let r = g.frame.outputRect
      let shown = (r.y + 1..<r.maxY - 1).map { g.text($0, r.x + 2, r.maxX - 1) }
      #expect(
        shown.contains { $0.hasPrefix(first.label + " ") || $0.contains(" " + first.label + " ") },
        "\(first.label) at \(w)×\(h): \(shown)")
    }
  }

  /// The LSTM's candidate g (tanh, −1…1) is coloured as a signed value, the gates (0…1) as 2g − 1.
  @Test func theCandidateIsSignedAndTheGatesAreNot() throws {
    var s = try ScopeState()
    Self.run("model cell=lstm hidden=4", &s)
    Self.run("step 8", &s)
    Self.run("unit g 1", &s)
    let g = s.pass.steps.map { $0.layers[0].gates[2 * 4 + 1] }
    let m = g.map(abs).max()!
    #expect(s.tracedValues() == g.map { $0 / m })
    Self.run("unit f 1", &s)
    let f = s.pass.steps.map { $0.layers[0].gates[1 * 4 + 1] }
    #expect(s.tracedValues() == f.map { 2 * $0 - 1 })
  }
}
