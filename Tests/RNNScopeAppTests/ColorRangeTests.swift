import Foundation
import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// `set palette=…` and `set range=…`: what they change, and the heatmap and legends they give.
struct ColorRangeTests {
  func stepped(_ n: Int, _ o: ScopeOptions = ScopeOptions()) throws -> ScopeState {
    var s = try ScopeState(options: o)
    for _ in 0..<n { _ = s.handle(.right) }
    return s
  }

  func lstm() -> ScopeOptions {
    var o = ScopeOptions()
    o.cell = .lstm
    o.hidden = 8
    o.task = .echo
    o.delay = 3
    o.length = 20
    return o
  }

  func set(_ line: String, _ s: inout ScopeState) -> CommandResult {
    CommandLanguage.execute(line, on: &s, context: CommandContext(headless: true))
  }

  @Test func setChangesThePaletteAndTheRangeAndRefusesOtherValues() throws {
    var s = try ScopeState()
    #expect(s.palette == .standard && s.colorRange == .auto)
    #expect(set("set palette=cividis range=data", &s) == .message("set palette=cividis range=data"))
    #expect(s.palette == .cividis && s.colorRange == .data)
    guard case .error(let e) = set("set palette=pink range=fixed", &s) else {
      Issue.record("palette=pink accepted")
      return
    }
    #expect(e.contains("one of default, cividis"))
    #expect(s.palette == .cividis && s.colorRange == .data)  // a refused set changes nothing
    _ = set("set palette=default range=fixed", &s)
    #expect(s.palette == .standard && s.colorRange == .fixed)
    guard case .message(let help) = set("help set", &s) else { return }
    #expect(
      help.contains("palette: cividis: colour maps") && help.contains("; one of default, cividis"))
    #expect(
      help.contains("range: the heatmap's colours; auto: ")
        && help.contains("one of auto, data, fixed"))
  }

  @Test func byDefaultHFollowsTheDataAndTheLegendSaysSo() throws {
    var s = try stepped(10)
    let h = (0..<10).flatMap { s.record($0)!.hidden[0] }
    let frame = ScopeFrame(s, width: 120, height: 40)
    let span = frame.heatmap!.signedSpan
    #expect(span == ColorSpan.symmetric(h) && span.limit < 1)
    #expect(frame.heatmap!.gateSpan == .unit)
    let text = ScopeScreen.render(frame, theme: Theme()).text
    #expect(text.contains("+\(NumberFormat.compact(span.limit)) (data)"))
    _ = set("set range=fixed", &s)
    let fixed = ScopeScreen.render(ScopeFrame(s, width: 120, height: 40), theme: Theme()).text
    #expect(!fixed.contains("(data)") && fixed.contains("█ +1"))
  }

  @Test func aHeatmapCellHasItsPalettesColourOnTheSpan() throws {
    var s = try stepped(10)
    _ = set("set palette=cividis", &s)
    let frame = ScopeFrame(s, width: 120, height: 40)
    let g = ScopeScreen.render(frame, theme: Theme())
    let inner = frame.layout!.panels[.heatmap]!.inset(1)
    let limit = frame.heatmap!.signedSpan.limit
    // Step 3 (columns from step 0 on), units 0 and 1: the first row's upper and lower halves.
    let x = inner.x + TimeColumns.gutter + 3 * frame.columnWidth
    let h = s.record(3)!.hidden[0]
    #expect(g[x, inner.y].char == "▀")
    #expect(g[x, inner.y].fg == .rgb(Palette.cividis.diverging(h[0], limit: limit)))
    #expect(g[x, inner.y].bg == .rgb(Palette.cividis.diverging(h[1], limit: limit)))
    #expect(g[x, inner.y].fg != .rgb(Palette.standard.diverging(h[0], limit: limit)))
  }

  @Test func gatesKeepZeroToOneUnlessTheRangeIsData() throws {
    var s = try stepped(6, lstm())
    #expect(ScopeFrame(s, width: 120, height: 40).heatmap!.gateSpan == .unit)
    _ = set("set range=data", &s)
    let frame = ScopeFrame(s, width: 160, height: 50)  // wide enough for both legends
    let panel = frame.heatmap!
    let gates = panel.sections.filter(\.sequential)
    #expect(!gates.isEmpty)
    let span = ColorSpan.covering(gates.flatMap { $0.columns.joined() })
    #expect(panel.gateSpan == span && span.fromData)
    let text = ScopeScreen.render(frame, theme: Theme()).text
    #expect(
      text.contains("gates \(NumberFormat.compact(span.lower)) ")
        && text.contains(" \(NumberFormat.compact(span.upper)) (data)"))
    // At 120 × 40 both legends come first; the note of the sections out of view takes what is left.
    let small = ScopeFrame(s, width: 120, height: 40)
    let row = ScopeScreen.render(small, theme: Theme()).text.split(separator: "\n").first {
      $0.contains("value ")
    }
    #expect(
      row?.contains(" (data)  c ±") == true && row?.contains("  gates ") == true
        && row?.contains("↓") == true, "\(row ?? "")")
  }

  /// An LSTM's c is not bounded as h is: on one span its values would turn h's colours grey. h of
  /// every layer spans its own values, c its own, and the legend names c's; `set range=lock` holds
  /// both.
  @Test func anLSTMsCellStateHasASpanOfItsOwn() throws {
    var s = try stepped(6, lstm())
    let frame = ScopeFrame(s, width: 120, height: 40)
    let panel = try #require(frame.heatmap)
    let h = (0..<6).flatMap { s.record($0)!.hidden.joined() }
    let c = (0..<6).flatMap { s.record($0)!.cell.joined() }
    #expect(panel.signedSpan == ColorSpan.symmetric(h))
    #expect(panel.cellSpan == ColorSpan.symmetric(c))
    #expect(panel.cellSpan != panel.signedSpan)
    // h and c in view (160 × 50): h's scale, and c's named beside it.
    let both = ScopeScreen.render(ScopeFrame(s, width: 160, height: 50), theme: Theme()).text
    #expect(both.contains("c ±\(NumberFormat.compact(ColorSpan.symmetric(c).limit))"))
    // c alone in view: the scale is c's.
    _ = set("view heatmap c", &s)
    let alone = ScopeScreen.render(ScopeFrame(s, width: 80, height: 24), theme: Theme()).text
    #expect(
      alone.contains("│c     -\(NumberFormat.compact(ColorSpan.symmetric(c).limit)) "), "\(alone)")
    _ = set("set range=lock", &s)
    #expect(s.view.heldColors?.cell == ColorSpan.symmetric(c))
    _ = set("set range=fixed", &s)
    #expect(ScopeFrame(s, width: 120, height: 40).heatmap!.cellSpan == nil, "fixed: ±1 for all")
  }

  @Test func withoutColourTheDerivativeLegendShowsEachCurvesGlyph() throws {
    let s = try stepped(5)
    // 160 × 50: tall enough for the spectrum panel.
    let text = ScopeScreen.render(s, width: 160, height: 50, theme: Theme(color: false)).text
    #expect(text.contains("• tanh' 1 o σ' ¼ + relu' ◆ a_t"))
    let coloured = ScopeScreen.render(s, width: 160, height: 50, theme: Theme()).text
    #expect(coloured.contains("━ tanh' 1 ━ σ' ¼ ━ relu' ⣿ a_t"))
    // The spectrum's note shows the glyph of the eigenvalues it speaks of.
    #expect(text.contains("• inside the unit circle") || text.contains("× outside the unit circle"))
  }

  @Test func theSpectrumsNoteShowsTheGlyphOfTheEigenvaluesOutside() throws {
    var s = try ScopeState()
    _ = set("init orthogonal radius=1.2", &s)  // every eigenvalue on the circle |λ| = 1.2
    let frame = ScopeFrame(s, width: 120, height: 50)
    let r = try #require(frame.layout?.panels[.spectrum])
    let g = ScopeScreen.render(frame, theme: Theme(color: false))
    let panel = (r.y..<r.maxY).map { y in String(g.rowText(y).unicodeScalars.dropFirst(r.x)) }
    #expect(panel[1].hasSuffix("× outside│"))
    let plot = panel.dropFirst(2).joined()
    #expect(plot.filter { $0 == "×" }.count >= 8 && !plot.contains("•"))
  }
}
