import Foundation
import RNNViews
import Testing

@testable import RNNCore
@testable import RNNScopeApp

/// The screen keeps the story at every size: the caption whole, the output pane for what commands
/// print, `view` bringing a panel on, the heatmap scrolled to every section, live values in
/// captions, and the sessions beside the one playing.
struct ScreenDirectionTests {
  static let line = CommandContext(headless: false, echo: .statusLine)

  static func screen(_ s: ScopeState, _ w: Int, _ h: Int, progress: PresentationProgress? = nil)
    -> [String]
  {
    ScopeScreen.render(s, presentation: progress, width: w, height: h, theme: Theme()).text
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  static func run(_ line: String, _ s: inout ScopeState) {
    if case .error(let e) = CommandLanguage.execute(line, on: &s, context: Self.line) {
      Issue.record("\(line): \(e)")
    }
  }

  /// Every word of `text` appears, in order, in the rows of the caption (joined).
  static func captionShows(_ text: String, _ rows: [String]) -> Bool {
    let joined = rows.joined(separator: " ").split(separator: " ").joined(separator: " ")
    let words = text.split(separator: " ").joined(separator: " ")
    return joined.contains(words)
  }

  @Test(arguments: [(120, 40), (80, 24)])
  func aLongCaptionIsWholeAndThePanelsGiveWay(_ w: Int, _ h: Int) throws {
    var s = try ScopeState()
    let text = String(
      repeating: "The gradient shrinks by the factor at every step back. ", count: 6)
    s.apply(.caption(text))
    let rows = Self.screen(
      s, w, h, progress: PresentationProgress(pausesPassed: 1, pauses: 2, finished: false))
    let top = try #require(rows.lastIndex { $0.contains("Space ▶ continues") })
    let caption = rows[(top + 1)..<(h - 2)].map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
    }
    #expect(Self.captionShows(text, caption), "\(caption)")
    #expect(!caption.joined().contains("…"))
    #expect(rows[1].contains("sequence"), "the panels are still drawn above it")
  }

  @Test func showGoesToTheOutputPaneWholeAndOClosesIt() throws {
    var s = try ScopeState()
    Self.run("step 3", &s)
    Self.run("show step", &s)
    let o = try #require(s.view.output)
    #expect(o.title == "show step" && o.lines.count > 1)
    let rows = Self.screen(s, 120, 40)
    let pane = try #require(rows.firstIndex { $0.contains("output · show step") })
    #expect(rows[pane + 1].contains(o.lines[0].prefix(40)))
    #expect(s.message?.contains("output pane") == true)
    _ = s.handle(.char("o"))
    #expect(s.view.output == nil)
    #expect(!Self.screen(s, 120, 40).joined().contains("output · show step"))
    _ = s.handle(.char("o"))
    #expect(s.view.output?.title == "show step", "o opens it again")
  }

  @Test func theOutputPaneScrolls() throws {
    var s = try ScopeState()
    Self.run("help", &s)
    let o = try #require(s.view.output)
    #expect(o.lines.count > 8)
    let before = Self.screen(s, 120, 40).first { $0.contains("output · help") }
    #expect(before?.contains("lines 1–") == true, "\(before ?? "")")
    _ = s.handle(.char("]"))
    #expect(s.view.output?.scroll == 3)
    let after = try #require(Self.screen(s, 120, 40).first { $0.contains("output · help") })
    #expect(after.contains("lines 4–"), "\(after)")
    _ = s.handle(.char("["))
    #expect(s.view.output?.scroll == 0)
  }

  @Test func viewBringsTheSpectrumOnAt120x40() throws {
    var s = try ScopeState()
    s.apply(.caption("the eigenvalues"))
    let progress = PresentationProgress(pausesPassed: 1, pauses: 1, finished: false)
    let before = Self.screen(s, 120, 40, progress: progress)
    #expect(!before.joined().contains("eigenvalues of W_hh"))
    #expect(before[0].contains("left out:") && before[0].contains("spectrum"))
    Self.run("view spectrum", &s)
    let after = Self.screen(s, 120, 40, progress: progress)
    #expect(after.joined().contains("W_hh"), "the spectrum panel is drawn")
    #expect(!after[0].contains("spectrum"), "no longer left out")
    #expect(s.focus == .spectrum && !s.zoomed)
    Self.run("view gradient zoom", &s)
    #expect(s.focus == .gradient && s.zoomed)
    Self.run("view all", &s)
    #expect(!s.zoomed)
    guard case .error(let e) = CommandLanguage.execute("view heatmap f", on: &s) else {
      Issue.record("an RNN has no forget gate")
      return
    }
    #expect(e.contains("this model's are h"))
  }

  @Test func theHeatmapScrollsToEverySectionAndSaysWhatIsOutOfView() throws {
    var s = try ScopeState()
    Self.run("model cell=lstm hidden=16", &s)
    Self.run("step 5", &s)
    let top = Self.screen(s, 80, 24)
    let heat = try #require(top.firstIndex { $0.contains("units × time") })
    #expect(!top[heat].contains("forget gate"))
    let legend = top[(heat + 1)...].first { $0.contains("value") }
    #expect(legend?.contains("↓") == true, "\(legend ?? "")")
    Self.run("view heatmap f", &s)
    #expect(s.view.heatmapUnit == 2 * 16)
    let f = Self.screen(s, 80, 24)
    #expect(f.contains { $0.contains("forget gate") && $0.contains("units × time") })
    #expect(f.contains { $0.contains("value") && $0.contains("↑") })
    // ↓ from the top reaches the last gate; ↑ comes back to h.
    var t = s
    for _ in 0..<60 { _ = t.handle(.down) }
    #expect(Self.screen(t, 80, 24).contains { $0.contains("output gate") })
    for _ in 0..<60 { _ = t.handle(.up) }
    #expect(t.view.heatmapUnit == 0)
  }

  @Test func theHeatmapSegmentsCoverEveryUnitOnce() {
    let sec = HeatmapSection(label: "h", name: "h", columns: [], sequential: false)
    let panel = HeatmapPanel(
      sections: [sec, sec, sec], units: 5, firstUnit: 4, gated: false, columns: TimeColumns(),
      cursor: 0, stepsTaken: 0, focused: false)
    // 5 units, 2 a row: 3 rows a section, 9 in all; from unit 4 (row 2), 4 rows in view.
    let segs = panel.segments(mapRows: 4, perRow: 2)
    #expect(
      segs == [
        .init(k: 0, units: 4..<5, y: 0), .init(k: 1, units: 0..<5, y: 1),
      ])
    // Past the end the view keeps its last rows full.
    let last = HeatmapPanel(
      sections: [sec, sec, sec], units: 5, firstUnit: 14, gated: false, columns: TimeColumns(),
      cursor: 0, stepsTaken: 0, focused: false
    ).segments(mapRows: 4, perRow: 2)
    #expect(last == [.init(k: 1, units: 4..<5, y: 0), .init(k: 2, units: 0..<5, y: 1)])
  }

  @Test func captionsQuoteLiveValuesAsTheScreenShowsThem() throws {
    var s = try ScopeState()
    Self.run("task echo length=10 delay=2", &s)
    Self.run("step 10", &s)
    Self.run("backward", &s)
    s.apply(.caption("rho {rho} smax {sigma_max} first {grad.last[1]} at {step}/{steps}"))
    let rows = Self.screen(
      s, 120, 40, progress: PresentationProgress(pausesPassed: 1, pauses: 1, finished: false))
    let caption = try #require(rows.first { $0.contains("rho ") && $0.contains("smax") })
    let b = try #require(s.bptt)
    let figures = ScopeSpectrum(s, reusing: nil).figures
    #expect(caption.contains("rho \(NumberFormat.short(figures.radius, digits: 2)) "))
    #expect(caption.contains("first \(NumberFormat.scientific(b.lastLossHiddenGradNorms[0][0])) "))
    #expect(caption.contains("at 10/10"))
    // The readout prints the same number with the cursor at t = 1.
    Self.run("cursor 1", &s)
    let first = NumberFormat.scientific(b.lastLossHiddenGradNorms[0][0])
    #expect(Self.screen(s, 120, 40).contains { $0.contains("‖∂L_T/∂h_t‖ = \(first)") })
    guard case .error(let e) = CommandLanguage.execute("say it is {nonsense}", on: &s) else {
      Issue.record("an unknown value is refused")
      return
    }
    #expect(e.contains("no live value {nonsense}") && e.contains("{rho}"))
    // Headless, the line is printed with the value now.
    guard
      case .say(let said) = CommandLanguage.execute(
        "say at {step}", on: &s, context: CommandContext(headless: true))
    else {
      Issue.record("say")
      return
    }
    #expect(said == "at 10")
  }

  /// `view A` then `view B`: where both fit, both stay on screen, whichever column they are in.
  @Test(arguments: [(120, 40), (80, 24)]) func panelsBroughtInTurnStayTogether(size: (Int, Int))
    throws
  {
    var s = try ScopeState()
    Self.run("task sine length=30", &s)
    Self.run("run", &s)
    Self.run("view gradient", &s)
    Self.run("view spectrum", &s)
    let g = ScopeGrid(s, width: size.0, height: size.1)
    #expect(g.rect(.gradient) != nil && g.rect(.spectrum) != nil)
    #expect(s.focus == .spectrum)
    // The other way round, the same two.
    Self.run("view spectrum", &s)
    Self.run("view gradient", &s)
    let h = ScopeGrid(s, width: size.0, height: size.1)
    #expect(h.rect(.gradient) != nil && h.rect(.spectrum) != nil)
    // `view all` forgets them: the default panels again.
    Self.run("view all", &s)
    let d = ScopeGrid(s, width: size.0, height: size.1)
    #expect(d.rect(.heatmap) != nil && d.rect(.spectrum) == nil)
  }

  /// Every layer's c and gates can be reached: `view heatmap f1` scrolls a 2-layer LSTM's heatmap
  /// to layer 1's forget gate, drawn from layer 1's gate values.
  @Test func aLowerLayersGatesAreReached() throws {
    var s = try ScopeState()
    Self.run("model cell=lstm layers=2 hidden=4", &s)
    Self.run("step 6", &s)
    #expect(
      HeatmapSections.names(s.config) == [
        "h2", "h1", "c2", "f2", "i2", "o2", "c1", "f1", "i1", "o1",
      ])
    Self.run("view heatmap f1", &s)
    let sections = ScopeFrame.sections(s, range: 0..<6)
    let f1 = try #require(sections.first { $0.label == "f1" })
    let rows = 4..<8  // f: the second block of [i; f; g; o]
    #expect(f1.columns[2] == Array(s.pass.steps[2].layers[0].gates[rows]))
    #expect(f1.columns[2] != sections.first { $0.label == "f2" }!.columns[2], "not the top layer's")
    let rows120 = Self.screen(s, 120, 40)
    #expect(rows120.contains { $0.contains("f1") }, "the section is in view")
    // An unnumbered name is the top layer's, as `h` always was.
    #expect(HeatmapSections.index(of: "f", s.config) == HeatmapSections.index(of: "f2", s.config))
    #expect(HeatmapSections.index(of: "h", s.config) == 0)
    #expect(HeatmapSections.index(of: "c3", s.config) == nil)
  }

  @Test func captionsQuoteTheMeanFactorPerStepBack() throws {
    var s = try ScopeState()
    Self.run("task sine length=20", &s)
    #expect(CaptionValues.expand("{factor}", s) == "n/a", "no gradient yet")
    Self.run("run", &s)
    Self.run("backward", &s)
    let norms = try #require(s.bptt).lastLossHiddenGradNorms[0]
    let rate = pow(norms[0] / norms[19], 1 / 19.0)
    #expect(CaptionValues.expand("{factor}", s) == NumberFormat.short(rate))
    // The number `show gradients` prints.
    guard case .message(let shown) = CommandLanguage.execute("show gradients", on: &s) else {
      Issue.record("show gradients")
      return
    }
    #expect(shown.contains("multiplied by about \(NumberFormat.short(rate))"))
  }

  @Test func captionsQuoteTheSplitViewsSecondModel() throws {
    var s = try ScopeState()
    Self.run("task echo length=10 delay=2", &s)
    Self.run("step 10", &s)
    Self.run("backward", &s)
    let before = CaptionValues.expand("{second.grad.last[1]} {second.sigma_max}", s)
    #expect(before == "n/a n/a", "not split: nothing to quote")
    Self.run("split activation=sigmoid", &s)
    let other = try #require(s.secondModel)
    let first = try #require(other.bptt).lastLossHiddenGradNorms[0][0]
    #expect(first != s.bptt?.lastLossHiddenGradNorms[0][0])
    let sigma = ScopeSpectrum(other, reusing: nil).figures.sigmaMax
    let shown = CaptionValues.expand("{second.grad.last[1]} {second.gamma} {grad.last[1]}", s)
    let mine = NumberFormat.scientific(try #require(s.bptt).lastLossHiddenGradNorms[0][0])
    #expect(shown == "\(NumberFormat.scientific(first)) 0.25 \(mine)")
    #expect(CaptionValues.expand("{second.sigma_max}", s) == NumberFormat.short(sigma, digits: 2))
    #expect(CaptionValues.unknown(in: "{second.grad.last[2]} {second.rho}") == nil)
    #expect(CaptionValues.unknown(in: "{second.nonsense}") == "second.nonsense")
  }

  static func sessionsFolder() throws -> String {
    let dir = NSTemporaryDirectory() + "rnnscope-sessions-\(getpid())"
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "model hidden=4\nsay one\npause\nstep 2\nsay one ends".write(
      toFile: dir + "/a.rnns", atomically: true, encoding: .utf8)
    try "model hidden=6\nsay two\npause\nsay two ends".write(
      toFile: dir + "/b.rnns", atomically: true, encoding: .utf8)
    return dir
  }

  @Test func nAndPOpenTheSessionsBesideTheOnePlayingFromTheStart() throws {
    let dir = try Self.sessionsFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var v = Visualizer(state: try ScopeState())
    #expect(v.present(Presentation(script: try SessionScript.load(dir + "/a.rnns"))) == nil)
    #expect(v.sessions.map(SessionScript.name) == ["a.rnns", "b.rnns"])
    _ = v.handle(.char(" "))
    #expect(v.presentation?.finished == true && v.progress?.nextSession == "b.rnns")
    let model = v.model
    _ = v.handle(.char(" "))
    #expect(v.model == model && v.stepsTaken == 2, "the end is inert")
    #expect(v.message?.contains("N opens the next, b.rnns") == true, "\(v.message ?? "")")
    _ = v.handle(.char("N"))
    #expect(v.narration == "two" && v.config.hiddenSize == 6 && v.stepsTaken == 0)
    _ = v.handle(.char("N"))
    #expect(v.message == "this is the last session (L lists them)")
    _ = v.handle(.char("P"))
    #expect(v.narration == "one" && v.config.hiddenSize == 4 && v.stepsTaken == 0)
    // L lists them; ↓ and Enter open the second.
    _ = v.handle(.char("L"))
    #expect(v.menu == SessionMenu(names: ["a.rnns", "b.rnns"], selected: 0, playing: 0))
    let shown = ScopeScreen.render(
      v.state, presentation: v.progress, menu: v.menu, width: 120, height: 40, theme: Theme()
    ).text
    #expect(shown.contains("▶ 1  a.rnns  ◀ playing") && shown.contains("2  b.rnns"))
    _ = v.handle(.down)
    _ = v.handle(.enter)
    #expect(v.menu == nil && v.narration == "two")
    // From the `:` line too.
    _ = v.apply(.openCommandLine)
    for c in "present session 1" { _ = v.apply(.editCommandLine(.char(c))) }
    _ = v.apply(.submitCommandLine)
    #expect(v.narration == "one")
  }
}

extension ScreenDirectionTests {
  @Test func theOutputPaneWrapsAtSpacesSoNoNumberIsCut() {
    let line = (1...40).map { "\($0).25e-7" }.joined(separator: " ")
    let rows = OutputPane.wrapped([line], width: 30)
    #expect(rows.count > 1 && rows.allSatisfy { $0.count <= 30 })
    #expect(rows.joined(separator: " ") == line, "every break is at a space")
  }
}
