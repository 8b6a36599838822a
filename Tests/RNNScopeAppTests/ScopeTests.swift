import Foundation
import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// The visualizer's state, keys, commands and whole screen at fixed sizes.
struct ScopeTests {
  func stepped(_ n: Int, _ o: ScopeOptions = ScopeOptions()) throws -> ScopeState {
    var s = try ScopeState(options: o)
    for _ in 0..<n { _ = s.handle(.right) }
    return s
  }

  func lstm(task: TaskKind = .echo) -> ScopeOptions {
    var o = ScopeOptions()
    o.cell = .lstm
    o.hidden = 8
    o.task = task
    o.delay = 3
    o.length = 20
    return o
  }

  @Test func rightArrowSpaceAndLStepForward() throws {
    var s = try ScopeState()
    _ = s.handle(.right)
    _ = s.handle(.char(" "))
    _ = s.handle(.char("l"))
    #expect(s.stepsTaken == 3)
    #expect(s.cursor == 2)
    #expect(s.inputLabel(0) == "t")
    #expect(s.targetLabel(0) == "h")
  }

  @Test func afterBackpropArrowsMoveTheCursor() throws {
    var s = try stepped(10)
    _ = s.handle(.char("B"))
    #expect(s.bptt != nil)
    #expect(s.gradientNorms(layer: 0)?.count == 10)
    _ = s.handle(.left)
    _ = s.handle(.char("h"))
    _ = s.handle(.left)
    #expect(s.cursor == 6)
    _ = s.handle(.char("l"))
    #expect(s.cursor == 7)
    #expect(s.stepsTaken == 10)
    _ = s.handle(.home)
    #expect(s.cursor == 0)
    _ = s.handle(.end)
    #expect(s.cursor == 9)
    _ = s.handle(.right)
    #expect(s.stepsTaken == 11)
    #expect(s.bptt == nil)
    _ = s.handle(.backspace)
    #expect(s.stepsTaken == 10)
  }

  @Test func backwardAnimationWalksFromTToOneAndAnyKeySkips() throws {
    var s = try stepped(12)
    _ = s.handle(.char("b"))
    #expect(s.isAnimating)
    var shown = s.gradientNorms(layer: 0)!.filter { $0 != nil }.count
    #expect(shown == 1)  // only step T at first
    _ = s.tick(seconds: 4.0 / Double(s.speed))  // four steps later
    shown = s.gradientNorms(layer: 0)!.filter { $0 != nil }.count
    #expect(shown == 5)
    _ = s.handle(.char("x"))  // any key: skip to the end
    #expect(!s.isAnimating)
    #expect(s.gradientNorms(layer: 0)!.allSatisfy { $0 != nil })
    let before = s.speed
    _ = s.handle(.char("+"))
    #expect(s.speed > before)
    _ = s.handle(.char("-"))
    _ = s.handle(.char("-"))
    #expect(s.speed < before)
  }

  @Test func activationCyclesAndSigmoidDecaysFaster() throws {
    var s = try stepped(30)
    _ = s.handle(.char("B"))
    let tanhFirst = s.gradientNorms(layer: 0)![0]!
    let hiddenTanh = s.pass.steps.map { $0.hidden[0] }
    _ = s.handle(.char("s"))
    #expect(s.config.activation == .sigmoid)
    #expect(s.stepsTaken == 30)
    #expect(s.pass.steps.map { $0.hidden[0] } != hiddenTanh)
    #expect(s.gradientNorms(layer: 0)![0]! < tanhFirst / 1e3)
    _ = s.handle(.char("s"))
    #expect(s.config.activation == .relu)
    _ = s.handle(.char("s"))
    #expect(s.config.activation == .tanh)
    #expect(s.pass.steps.map { $0.hidden[0] } == hiddenTanh)
  }

  @Test func measureCyclesIncludeTheCellStateForLSTM() throws {
    var s = try stepped(10, lstm())
    _ = s.handle(.char("B"))
    #expect(s.measure == .last)
    _ = s.handle(.char("g"))
    #expect(s.measure == .total)
    _ = s.handle(.char("g"))
    #expect(s.measure == .lastCell)
    #expect(s.gradientNorms(layer: 0)!.map { $0! } == s.bptt!.lastLossCellGradNorms![0])
    _ = s.handle(.char("g"))
    #expect(s.measure == .cell)
    #expect(s.gradientNorms(layer: 0)!.map { $0! } == s.bptt!.cellGradNorms![0])
    _ = s.handle(.char("g"))
    #expect(s.measure == .last)
    var r = try stepped(5)
    _ = r.handle(.char("g"))
    _ = r.handle(.char("g"))
    #expect(r.measure == .last)  // no cell state to show for an RNN
  }

  @Test func quitHelpResetFocusZoomAndUnknownKeys() throws {
    var s = try stepped(3)
    #expect(s.handle(.char("?")) == .continueRunning)
    #expect(s.showHelp)
    #expect(s.handle(.char("x")) == .continueRunning)
    #expect(!s.showHelp)
    #expect(s.handle(.char("Z")) == .continueRunning)
    #expect(s.message?.contains("press ?") == true)
    let f = s.focus
    _ = s.handle(.tab)
    #expect(s.focus != f)
    _ = s.handle(.char("z"))
    #expect(s.zoomed)
    _ = s.handle(.escape)
    #expect(!s.zoomed)
    _ = s.handle(.char("r"))
    #expect(s.stepsTaken == 0)
    #expect(s.handle(.char("q")) == .quit(exitCode: 0))
    #expect(s.handle(.ctrlC) == .quit(exitCode: 130))
  }

  @Test func newSequencesComeFromTheTask() throws {
    var s = try stepped(4, lstm())
    let first = s.example
    _ = s.handle(.char("n"))
    #expect(s.example != first)
    #expect(s.stepsTaken == 0)
    var text = try ScopeState()
    _ = text.handle(.char("n"))
    #expect(text.message?.contains("one sequence") == true)
  }

  @Test func commandLineRunsCommandsWithHistoryAndCompletion() throws {
    var s = try ScopeState()
    func type(_ text: String) { for c in text { _ = s.handle(.char(c)) } }
    _ = s.handle(.char(":"))
    #expect(s.commandLine.isOpen)
    type("st")
    _ = s.handle(.tab)
    #expect(s.commandLine.text == "step ")
    type("5")
    _ = s.handle(.enter)
    #expect(!s.commandLine.isOpen)
    #expect(s.stepsTaken == 5)
    _ = s.handle(.char(":"))
    type("stpe")
    _ = s.handle(.enter)
    #expect(s.message?.contains("did you mean step?") == true)
    _ = s.handle(.char(":"))
    _ = s.handle(.up)
    #expect(s.commandLine.text == "stpe")
    _ = s.handle(.up)
    #expect(s.commandLine.text == "step 5")
    _ = s.handle(.escape)
    #expect(!s.commandLine.isOpen)
    #expect(s.stepsTaken == 5)
  }

  @Test func commandsBuildModelsAndTasksAndRefuseBadValues() throws {
    var s = try ScopeState()
    #expect(
      CommandLanguage.execute("model cell=gru hidden=12 layers=2", on: &s)
        == .message("model: GRU, 2 layers, input 29, hidden 12, output 29"))
    #expect(s.config.cell == .gru && s.config.numLayers == 2)
    guard case .message = CommandLanguage.execute("task echo delay=4 length=15 alphabet=6", on: &s)
    else {
      Issue.record("task failed")
      return
    }
    #expect(s.task.kind == .echo && s.maxSteps == 15 && s.config.inputSize == 6)
    #expect(
      CommandLanguage.execute("init orthogonal radius=1.5", on: &s)
        == .message("initialised: orthogonal, spectral radius 1.5"))
    for (line, needle) in [
      ("model hidden=0", "hidden must be a whole number from 1 to 512"),
      ("model cell=lsmt", "did you mean lstm?"),
      ("model hiden=4", "did you mean hidden?"),
      ("task echo delay=30 length=10", "echo needs length= greater than delay="),
      ("set measure=cell", "measure cell needs an LSTM"),
      ("step 0", "N must be a whole number"),
      ("flarp", "unknown command 'flarp'"),
    ] {
      guard case .error(let e) = CommandLanguage.execute(line, on: &s) else {
        Issue.record("\(line) accepted")
        continue
      }
      #expect(e.contains(needle), "\(line): \(e)")
    }
    #expect(CommandLanguage.execute("quit", on: &s) == .quit)
    guard case .message(let h) = CommandLanguage.execute("help step", on: &s) else {
      Issue.record("help")
      return
    }
    #expect(h.hasPrefix("step [N]"))
  }

  @Test func trainingRunsInTheBackgroundAndTheModelChanges() throws {
    var o = ScopeOptions()
    o.task = .echo
    o.delay = 1
    o.length = 10
    o.alphabet = 3
    o.hidden = 8
    o.learningRate = 0.02
    o.batch = 8
    var s = try ScopeState(options: o)
    let before = s.model
    s.startTraining(steps: 40)
    #expect(s.isTraining)
    var waited = 0
    while s.isTraining && waited < 2000 {
      _ = s.tick(seconds: 0.01)
      usleep(5000)
      waited += 1
    }
    #expect(!s.isTraining)
    #expect(s.trainedSteps == 40)
    #expect(s.history.loss.count == 40)
    #expect(s.model != before)
    #expect(s.history.loss.last! < s.history.loss.first!)
  }

  @Test func screenAt100x30AfterTenStepsAndBackprop() throws {
    var s = try stepped(10)
    _ = s.handle(.char("B"))
    let frame = ScopeFrame(s, width: 100, height: 30)
    let g = ScopeScreen.render(frame, theme: Theme())
    let text = g.text
    #expect(g.rowText(0).contains("step 10/73"))
    #expect(text.contains("hidden state h_t"))
    #expect(text.contains("‖∂L_T/∂h_t‖ per step"))
    #expect(text.contains("t=10"))
    #expect(text.contains("predicted '"))
    #expect(text.contains("‖∂L/∂h_t‖   = "))
    #expect(text.contains("x_t   t h e ␣ q u i c k ␣"))
    let l = frame.layout!
    let cell = g[l.panels[.heatmap]!.x + 1 + ScopeFrame.gutter, l.panels[.heatmap]!.y + 1]
    #expect(cell.char == "▀")
    if case .rgb = cell.fg {} else { Issue.record("heatmap cell not coloured") }
    // A click on the heatmap's third column moves the cursor to step 3.
    let x = l.panels[.heatmap]!.x + 1 + ScopeFrame.gutter + 2 * 2
    #expect(frame.timestep(atX: x, y: l.panels[.heatmap]!.y + 2, steps: s.stepsTaken) == 2)
  }

  @Test(arguments: [(80, 24), (200, 60)])
  func everyPanelAtTheStandardSizes(_ w: Int, _ h: Int) throws {
    var s = try stepped(12, lstm())
    _ = s.handle(.char("B"))
    let frame = ScopeFrame(s, width: w, height: h)
    let g = ScopeScreen.render(frame, theme: Theme())
    let text = g.text
    let l = frame.layout!
    #expect(l.panels[.sequence] != nil && l.panels[.heatmap] != nil && l.panels[.gradient] != nil)
    #expect(l.panels[.readout] != nil && l.panels[.derivative] != nil)
    if w >= 200 {
      #expect(l.panels[.spectrum] != nil && l.panels[.training] != nil)
      #expect(text.contains("forget gate f"))  // LSTM gates shown at the large size
      #expect(text.contains("eigenvalues of W_hg"))
      #expect(text.contains("ρ = "))
    }
    // Panels do not overlap and stay on screen.
    let rects = Array(l.panels.values)
    for (i, a) in rects.enumerated() {
      #expect(a.x >= 0 && a.y >= 1 && a.maxX <= w && a.maxY <= h - 1)
      for b in rects[(i + 1)...] {
        #expect(
          a.maxX <= b.x || b.maxX <= a.x || a.maxY <= b.y || b.maxY <= a.y, "\(a) overlaps \(b)")
      }
    }
  }

  @Test func zoomGivesTheFocusedPanelTheWholeBody() throws {
    var s = try stepped(5)
    s.view.focus = .spectrum
    s.view.zoomed = true
    let frame = ScopeFrame(s, width: 100, height: 30)
    let g = ScopeScreen.render(frame, theme: Theme())
    #expect(frame.layout!.panels.count == 1)
    #expect(frame.layout!.panels[.spectrum] == Rect(x: 0, y: 1, width: 100, height: 28))
    #expect(g.text.contains("eigenvalues of W_hh"))
  }

  @Test func screenTooSmallSaysWhatItNeeds() throws {
    let small = ScopeFrame(try ScopeState(), width: 40, height: 12)
    let g = ScopeScreen.render(small, theme: Theme())
    #expect(g.text.contains("terminal too small: need 80×24"))
    #expect(g.text.contains("have 40×12"))
    let big = ScopeScreen.render(
      ScopeFrame(try ScopeState(), width: 80, height: 24, previous: small), theme: Theme())
    #expect(!big.text.contains("too small"))
    #expect(big.text.contains("hidden state"))
  }

  @Test func everySizeRendersWithoutTrapping() throws {
    for o in [ScopeOptions(), lstm(), lstm(task: .adding)] {
      var s = try stepped(15, o)
      _ = s.handle(.char("B"))
      s.view.showHelp = true
      var frame: ScopeFrame? = nil
      for w in stride(from: 1, through: 300, by: 13) {
        for h in stride(from: 1, through: 100, by: 7) {
          frame = ScopeFrame(s, width: w, height: h, previous: frame)
          let g = ScopeScreen.render(frame!, theme: Theme())
          #expect(g.width == w && g.height == h)
        }
      }
    }
  }

  @Test func monochromeAndASCIIThemesUseNoColourAndNoUnicodeArt() throws {
    var s = try stepped(10)
    _ = s.handle(.char("B"))
    let g = ScopeScreen.render(
      s, width: 100, height: 30, theme: Theme(glyphs: .ascii, color: false))
    #expect(g.cells.allSatisfy { $0.fg == .standard && $0.bg == .standard })
    #expect(!g.text.contains("▀") && !g.text.contains("┌"))
    #expect(g.text.contains("+-"))
  }

  @Test func helpOverlayListsEveryKey() throws {
    var s = try ScopeState()
    _ = s.handle(.char("?"))
    let text = ScopeScreen.render(s, width: 120, height: 40, theme: Theme()).text
    for k in KeyMap.bindings { #expect(text.contains(k.keys), "help lists \(k.keys)") }
  }

  /// At 80×24 the help takes pages; turned through with →, they hold every key's line and every
  /// panel's explanation word for word, nothing cut.
  @Test(arguments: [(80, 24), (120, 40)])
  func helpPagesHoldEveryKeyAndPanelWhole(_ w: Int, _ h: Int) throws {
    var s = try ScopeState()
    _ = s.handle(.char("?"))
    var pages: [String] = []
    for _ in 0..<10 {
      let text = ScopeScreen.render(s, width: w, height: h, theme: Theme()).text
      if pages.last == text { break }
      pages.append(text)
      _ = s.handle(.right)
    }
    #expect(s.showHelp, "→ turns the page, it does not close the help")
    // The words inside the help's box on every page.
    var inside: [String] = []
    for page in pages {
      let lines = page.split(separator: "\n").map { Array($0) }
      let top = try #require(lines.firstIndex { String($0).contains("┌─ help") })
      let title = String(lines[top])
      let at = try #require(title.range(of: "┌─ help"))
      let x0 = title.distance(from: title.startIndex, to: at.lowerBound)
      let x1 = try #require(lines[top][x0...].firstIndex(of: "┐"))
      for row in lines[(top + 1)...] {
        if row[x0] == "└" { break }
        let text = String(row[(x0 + 1)..<x1])
        if !text.contains("key closes") { inside.append(text) }  // the footer
      }
    }
    let words = inside.joined(separator: " ").split(separator: " ").joined(separator: " ")
    for k in KeyMap.bindings {
      let said = k.action.split(separator: " ").joined(separator: " ")
      #expect(words.contains(said), "\(w)×\(h): \(k.keys) \(said)")
    }
    for (panel, text) in PanelExplanations.all {
      #expect(
        words.contains(panel.rawValue + " " + text.split(separator: " ").joined(separator: " ")),
        "\(w)×\(h): \(panel)")
    }
    if w == 80 { #expect(pages.count > 1 && pages[0].contains("page 1 of")) }
    _ = s.handle(.char("x"))
    #expect(!s.showHelp)
  }

  @Test func scrollingKeepsTheCursorInView() throws {
    var s = try stepped(70)
    var frame = ScopeFrame(s, width: 80, height: 24)
    #expect(frame.firstColumn > 0)
    _ = s.handle(.home)
    frame = ScopeFrame(s, width: 80, height: 24, previous: frame)
    #expect(frame.firstColumn == 0)
  }
}
