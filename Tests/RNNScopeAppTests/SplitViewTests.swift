import Foundation
import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// `split …` puts a second model beside the first on the same sequence: both step, reset and
/// backpropagate together, their heatmaps are titled with their labels, and the gradient panel
/// draws both profiles on one log axis that stays put while the gradient walks back.
struct SplitViewTests {
  /// An echo task of 30 steps (delay 3), split tanh | sigmoid, every step taken.
  static func state(_ line: String = "split activation=sigmoid", steps: Int = 30) throws
    -> ScopeState
  {
    var o = ScopeOptions()
    o.task = .echo
    o.length = 30
    o.delay = 3
    var s = try ScopeState(options: o)
    try run(line, on: &s)
    _ = s.apply(.step(count: steps))
    return s
  }

  static func run(_ line: String, on s: inout ScopeState) throws {
    if case .error(let e) = CommandLanguage.execute(line, on: &s) {
      throw CommandError("\(line): \(e)")
    }
  }

  /// The rows of the gradient panel's bars (below the header, above the time row) at `r`.
  static func plotRows(_ r: Rect) -> Range<Int> { (r.y + 2)..<(r.maxY - 2) }

  /// The gradient panel's gutter labels, row by row.
  static func axis(_ v: ScopeGrid) throws -> [String] {
    let r = try #require(v.rect(.gradient))
    return plotRows(r).map { v.text($0, r.x + 1, r.x + 1 + TimeColumns.gutter) }
  }

  // MARK: - The command

  @Test func theCommandParses() throws {
    let s = try ScopeState()
    func parse(_ line: String) -> Result<Action, CommandError> {
      CommandLanguage.parse(line, state: s, context: CommandContext(headless: true))
    }
    var c = SplitChange()
    c.model.activation = .sigmoid
    #expect(try parse("split activation=sigmoid").get() == .split(c))
    c = SplitChange()
    c.model.cell = .gru
    c.model.hidden = 8
    c.label = "GRU, small"
    #expect(try parse("split cell=gru hidden=8 label=GRU, small").get() == .split(c))
    c = SplitChange()
    c.scheme = .orthogonal
    c.radius = 1.1
    #expect(try parse("split init=orthogonal radius=1.1").get() == .split(c))
    #expect(try parse("split off").get() == .splitOff)
    for bad in ["split", "split label=same", "split off cell=gru", "split sideways"] {
      guard case .failure(let e) = parse(bad) else {
        Issue.record("\(bad) parsed")
        continue
      }
      #expect(!e.message.isEmpty)
    }
    guard case .failure(let e) = parse("split") else { return }
    #expect(e.message.contains("needs something to differ"))
    #expect(KeyMap.action(for: .char("|"), state: s) == .toggleSplit)
  }

  @Test func labelsNameWhatDiffers() throws {
    var s = try Self.state()
    #expect(s.splitLabels == ("tanh", "sigmoid"))
    try Self.run("model cell=lstm", on: &s)
    // activation= means nothing to an LSTM: the split closes rather than compare it with itself.
    #expect(!s.isSplit)
    try Self.run("split forget-bias=1", on: &s)
    #expect(s.splitLabels == ("default forget bias", "forget bias 1"))
    try Self.run("split cell=gru hidden=8", on: &s)
    #expect(s.splitLabels == ("LSTM, hidden 16", "GRU, hidden 8"))
    try Self.run("split forget-bias=1 label=f≈0.5 vs f≈0.73", on: &s)
    #expect(s.splitLabels == ("f≈0.5", "f≈0.73"))
    guard case .error(let e) = CommandLanguage.execute("split activation=relu", on: &s) else {
      Issue.record("an LSTM split by activation alone")
      return
    }
    #expect(e.contains("only the vanilla RNN"))
    #expect(s.splitLabels == ("f≈0.5", "f≈0.73"), "a refused split leaves the one open")
  }

  // MARK: - Stepping together

  @Test func bothModelsStepResetAndBackpropagateTogether() throws {
    var s = try Self.state(steps: 0)
    for _ in 0..<5 { _ = s.handle(.char(" ")) }
    #expect(s.stepsTaken == 5 && s.split.other?.pass.stepCount == 5)
    _ = s.handle(.backspace)
    #expect(s.split.other?.pass.stepCount == 4)
    _ = s.apply(.pad(count: 2))
    #expect(s.split.other?.pass.steps.map(\.active) == s.pass.steps.map(\.active))
    #expect(s.split.other?.pass.steps[4].active == false, "the padded step is padded in both")
    _ = s.handle(.char("B"))
    let b = try #require(s.split.other?.bptt)
    #expect(b.hiddenGradNorms[0].count == 6)
    // The second model's BPTT is its own: sigmoid's gradient is not tanh's.
    #expect(b.lastLossHiddenGradNorms[0] != s.bptt!.lastLossHiddenGradNorms[0])
    _ = s.handle(.char("r"))
    #expect(s.split.other?.pass.stepCount == 0 && s.split.other?.bptt == nil)
    _ = s.handle(.char("e"))
    #expect(s.split.other?.pass.stepCount == 30)
    _ = s.handle(.char("n"))
    #expect(s.split.other?.example == s.example, "a new sequence for both")
    #expect(s.split.other?.pass.stepCount == 0)
    // The second model on its own reads the same inputs: its outputs are a fresh model's.
    var alone = try SessionState(options: try #require(s.split.other?.options))
    alone.example = s.example
    _ = s.handle(.char(" "))
    #expect(s.split.other?.pass.steps.first?.outputs == alone.step(0).outputs)
  }

  @Test func trainingAndTheActivationKeyAreRefusedWhileSplit() throws {
    var s = try Self.state()
    _ = s.handle(.char("t"))
    #expect(!s.isTraining)
    #expect(s.message?.contains("split off") == true)
    guard
      case .error(let e) = CommandLanguage.execute(
        "train 5", on: &s, context: CommandContext(headless: true))
    else {
      Issue.record("train ran while split")
      return
    }
    #expect(e.contains("split off"))
    _ = s.handle(.char("s"))
    #expect(s.config.activation == .tanh)
    #expect(s.message?.contains("split off") == true)
  }

  @Test func aNewModelKeepsTheComparisonWhereItStillMeansSomething() throws {
    var s = try Self.state()
    try Self.run("model hidden=8", on: &s)
    #expect(s.isSplit)
    #expect(s.split.other?.model.config.hiddenSize == 8)
    #expect(s.split.other?.model.config.activation == .sigmoid)
    #expect(s.split.other?.pass.stepCount == 0 && s.stepsTaken == 0)
  }

  @Test func theBarKeyClosesAndReopensTheLastComparison() throws {
    var s = try Self.state()
    _ = s.handle(.char("|"))
    #expect(!s.isSplit)
    #expect(s.split.other == nil)
    #expect(s.message?.hasPrefix("split off") == true)
    _ = s.handle(.char("|"))
    #expect(s.isSplit)
    #expect(s.splitLabels == ("tanh", "sigmoid"))
    #expect(s.split.other?.pass.stepCount == 30, "reopened on the steps taken")
  }

  // MARK: - On screen

  @Test func bothHeatmapsAreTitledWithTheirLabels() throws {
    let s = try Self.state()
    let v = ScopeGrid(s)
    let r = try #require(v.rect(.heatmap))
    let (top, bottom) = ScopeLayout.splitHeatmaps(r)
    #expect(v.text(top.y, top.x + 3, top.x + 9) == "█ tanh")
    #expect(v.grid[top.x + 3, top.y].fg == v.theme.firstModel)
    #expect(v.text(bottom.y, bottom.x + 3, bottom.x + 12) == "● sigmoid")
    #expect(v.grid[bottom.x + 3, bottom.y].fg == v.theme.secondModel)
    #expect(bottom.y == top.maxY && bottom.maxY == r.maxY)
    // Each heatmap shows its own model's h: the first unit's colour at step 1 tells them apart.
    let x = v.x(r, 0)
    #expect(v.grid[x, top.y + 1].fg != v.grid[x, bottom.y + 1].fg)
    #expect(v.text(0, 0, 120).contains("split: tanh vs sigmoid"))
    // The readout is the first model's, and says so in its colour.
    let readout = try #require(v.rect(.readout))
    #expect(v.text(readout.y, readout.x + 3, readout.x + 25) == "at the cursor · █ tanh")
    #expect(v.grid[readout.x + 19, readout.y].fg == v.theme.firstModel)
  }

  @Test func bothProfilesLieOnOneAxis() throws {
    var s = try Self.state()
    _ = s.handle(.char("B"))
    let tanh = s.bptt!.lastLossHiddenGradNorms[0]
    let sigmoid = try #require(s.split.other?.bptt).lastLossHiddenGradNorms[0]
    let v = ScopeGrid(s)
    let r = try #require(v.rect(.gradient))
    let rows = Self.plotRows(r)
    #expect(v.frame.columnWidth >= 2, "each step has a cell for the bar and one for the mark")
    // The axis spans both: from the smallest of either to the largest.
    let all = (tanh + sigmoid).filter { $0 > 0 }
    let hi = Int(log10(all.max()!).rounded(.up))
    let lo = Int(log10(all.min()!).rounded(.down))
    #expect(s.gradientDecades == lo...hi)
    #expect(
      v.text(rows.lowerBound, r.x + 1, r.x + 7).trimmingCharacters(in: .whitespaces)
        == NumberFormat.decade(hi) + "┤")
    var plot = LogBarPlot(values: [])
    plot.scale = all
    let perRow = plot.decadesPerRow(rows: rows.count)
    func row(_ value: Double) -> Int {
      rows.lowerBound
        + min(rows.count - 1, Int(((Double(hi) - log10(value)) / perRow).rounded(.down)))
    }
    func blockTop(_ x: Int) -> Int? {
      rows.first { WindowMarksTests.blocks.contains(v.grid[x, $0].char) }
    }
    var marks = 0
    for t in v.steps(r, taken: 30) {
      let x = v.x(r, t)
      // The mark of sigmoid's norm, in the step's second cell, at the row its value reaches.
      #expect(v.grid[x + 1, row(sigmoid[t])].char == "●", "t=\(t)")
      #expect(v.grid[x + 1, row(sigmoid[t])].fg == v.theme.secondModel, "t=\(t)")
      marks += 1
      // Tanh's bar, in the first cell, reaches the row of its value.
      let top = try #require(blockTop(x), "t=\(t)")
      #expect(abs(top - row(tanh[t])) <= 1, "t=\(t)")
      #expect(v.grid[x, rows.upperBound - 1].fg == v.theme.firstModel, "t=\(t)")
    }
    #expect(marks == 30)
    // At t=1 sigmoid's gradient is decades below tanh's: its mark is far below the bar's top.
    #expect(row(sigmoid[0]) - (blockTop(v.x(r, 0)) ?? 0) >= 3)
    // The header names both and reads both at the cursor (t=30).
    let header = v.text(r.y + 1, r.x + 1, r.maxX - 1)
    #expect(header.contains("█ tanh \(NumberFormat.scientific(tanh[29]))"))
    #expect(header.contains("● sigmoid \(NumberFormat.scientific(sigmoid[29]))"))
    #expect(v.grid[r.x + 1, r.y + 1].fg == v.theme.firstModel)
  }

  @Test func theSharedAxisDoesNotRescaleDuringTheBackwardAnimation() throws {
    var s = try Self.state()
    _ = s.handle(.char("b"))
    #expect(s.isAnimating)
    let first = ScopeGrid(s)
    let r = try #require(first.rect(.gradient))
    let x0 = first.x(r, 0)
    #expect(!Self.plotRows(r).contains { first.grid[x0 + 1, $0].char == "●" }, "t=1 not reached")
    var seen = [try Self.axis(first)]
    while s.isAnimating {
      _ = s.tick(seconds: 0.25)
      seen.append(try Self.axis(ScopeGrid(s)))
    }
    let last = ScopeGrid(s)
    #expect(Self.plotRows(r).contains { last.grid[x0 + 1, $0].char == "●" }, "t=1 reached")
    #expect(seen.count > 3, "the walk back took several frames")
    #expect(Set(seen).count == 1, "one axis from the first frame to the last")
    // The axis is sigmoid's too: from the first frame it reaches below tanh's smallest norm.
    let tanhLow = try #require(s.bptt?.lastLossHiddenGradNorms[0].min())
    let labelled = seen[0].compactMap { row in
      row.split(separator: "e").last.flatMap { Int($0.dropLast()) }
    }
    #expect(labelled.min().map { $0 < Int(log10(tanhLow).rounded(.down)) - 4 } == true)
  }

  @Test func splitOffRestoresTheSingleView() throws {
    var s = try Self.state()
    _ = s.handle(.char("B"))
    let single = try ScopeGrid(Self.state("# none"))
    try Self.run("split off", on: &s)
    let v = ScopeGrid(s)
    #expect(!v.grid.text.contains("sigmoid"))
    #expect(!v.grid.text.contains("●"))
    let r = try #require(v.rect(.heatmap))
    #expect(r == single.rect(.heatmap))
    #expect(v.text(r.y, r.x + 3, r.x + 18) == "hidden state h_")
    #expect(v.text(0, 0, 120).contains("vanilla RNN · tanh"))
  }

  @Test func at80x24TheGradientPanelStaysAndSaysTheHeatmapsAreHidden() throws {
    var s = try Self.state()
    _ = s.handle(.char("B"))
    let v = ScopeGrid(s, width: 80, height: 24)
    #expect(v.rect(.heatmap) == nil)
    let r = try #require(v.rect(.gradient))
    #expect(v.text(r.y, r.x, r.maxX).contains("heatmaps hidden (Tab)"))
    let header = v.text(r.y + 1, r.x + 1, r.maxX - 1)
    #expect(header.contains("█ tanh") && header.contains("● sigmoid"))
    #expect(Self.plotRows(r).count >= 10, "the comparison has the rows the heatmaps gave up")
    // Focused, the two heatmaps come on instead, one above the other.
    try Self.run("view heatmap", on: &s)
    let w = ScopeGrid(s, width: 80, height: 24)
    let h = try #require(w.rect(.heatmap))
    let (top, bottom) = ScopeLayout.splitHeatmaps(h)
    #expect(w.text(top.y, top.x + 3, top.x + 9) == "█ tanh")
    #expect(w.text(bottom.y, bottom.x + 3, bottom.x + 12) == "● sigmoid")
  }

  @Test func withoutColourTheModelsKeepTheirGlyphs() throws {
    var s = try Self.state()
    _ = s.handle(.char("B"))
    let v = ScopeGrid(s, theme: Theme(color: false))
    let r = try #require(v.rect(.gradient))
    let cells = Self.plotRows(r).flatMap { y in (r.x + 7..<r.maxX - 1).map { v.grid[$0, y].char } }
    #expect(cells.filter { $0 == "●" }.count == 30)
    #expect(cells.contains("█"))
    #expect(!cells.contains("░"), "no glyph of a third kind among the two models' bars")
  }

  @Test func aCellStateMeasureShowsTheHiddenStateOfAModelWithoutOne() throws {
    var s = try Self.state("model cell=lstm")
    try Self.run("split cell=gru", on: &s)
    _ = s.apply(.step(count: 30))
    _ = s.handle(.char("B"))
    try Self.run("set measure=lastcell", on: &s)
    let gru = try #require(s.split.other?.bptt).lastLossHiddenGradNorms[0]
    #expect(s.secondGradientNorms?.compactMap { $0 } == gru)
    let v = ScopeGrid(s)
    let r = try #require(v.rect(.gradient))
    #expect(v.text(r.y + 1, r.x + 1, r.maxX - 1).contains("● GRU (h_t) "))
  }

  @Test func axisLockHoldsTheSharedAxisAndPinKeepsTheFirstProfile() throws {
    var s = try Self.state()
    _ = s.handle(.char("B"))
    let both = try #require(s.gradientDecades)
    let tanhAlone = try #require(LogBarPlot(values: s.bptt!.lastLossHiddenGradNorms[0]).dataDecades)
    #expect(both.lowerBound < tanhAlone.lowerBound, "sigmoid's smaller norms widen the axis")
    try Self.run("axis lock", on: &s)
    #expect(s.view.gradientAxis == both)
    try Self.run("pin", on: &s)
    #expect(s.view.pinned?.norms == s.bptt!.lastLossHiddenGradNorms[0])
  }

  @Test func showGradientsPrintsBothProfilesLabelled() throws {
    var s = try Self.state()
    let c = CommandContext(headless: true)
    _ = CommandLanguage.execute("backward", on: &s, context: c)
    guard case .message(let m) = CommandLanguage.execute("show gradients", on: &s, context: c)
    else {
      Issue.record("show gradients failed")
      return
    }
    let lines = m.split(separator: "\n").map(String.init)
    let sigmoid = try #require(s.split.other?.bptt).lastLossHiddenGradNorms[0]
    #expect(lines.first?.hasPrefix("█ tanh: ‖∂L_T/∂h_t‖, t = 1…30:") == true)
    let second = try #require(lines.first { $0.hasPrefix("● sigmoid: ") })
    #expect(second.contains(NumberFormat.scientific(sigmoid[0])))
  }

  @Test func aSessionFileCanSplit() throws {
    var s = try ScopeState()
    let script = SessionScript(
      file: "t.rnns", text: "task echo length=12 delay=3\nsplit cell=gru\nstep 12\nbackward\n")
    for line in script.lines {
      if case .error(let e) = CommandLanguage.execute(line.text, on: &s) { Issue.record("\(e)") }
    }
    #expect(s.isSplit && s.split.other?.bptt != nil)
    #expect(s.splitLabels == ("RNN", "GRU"))
  }
}
