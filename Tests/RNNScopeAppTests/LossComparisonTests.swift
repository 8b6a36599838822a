import Foundation
import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// `pin panel=loss` keeps a training run's curves in grey under the next run's, on one axis of
/// training steps; `axis lock panel=loss` holds the loss axis through more training.
struct LossComparisonTests {
  static func run(_ lines: [String], on s: inout ScopeState) {
    for line in lines {
      if case .error(let e) = CommandLanguage.execute(
        line, on: &s, context: CommandContext(headless: true))
      {
        Issue.record("\(line): \(e)")
      }
    }
  }

  static func trained(_ steps: Int) throws -> ScopeState {
    var s = try ScopeState()
    run(
      ["task echo delay=2 length=8", "model hidden=8", "set focus=training", "train \(steps)"],
      on: &s)
    return s
  }

  /// The loss plot's rectangle in the training panel (as `TrainingPanel.drawPlots` lays it out).
  static func lossRect(_ v: ScopeGrid) throws -> Rect {
    let inner = try #require(v.rect(.training)).inset(1)
    return Rect(
      x: inner.x, y: inner.y + 1, width: inner.width, height: max(2, (inner.height - 1) / 2))
  }

  static func isBraille(_ c: Cell) -> Bool { c.char.value > 0x2800 && c.char.value <= 0x28FF }

  @Test func theGhostRunLiesInGreyUnderTheLiveOneOnOneStepAxis() throws {
    var s = try Self.trained(60)
    _ = s.handle(.char("p"))
    #expect(s.view.pinnedRun?.label == "tanh, after 60 training steps", "p: the focused panel's")
    #expect(s.view.pinned == nil, "the gradient profile is not pinned")
    #expect(s.view.pinnedRun?.loss == s.history.loss)
    Self.run(["model cell=lstm hidden=8", "train 20"], on: &s)
    #expect(s.history.steps == Array(1...20), "a new model's run starts at step 1")
    let v = ScopeGrid(s)
    let panel = try #require(v.rect(.training))
    #expect(v.text(panel.y, panel.x, panel.maxX).contains("grey: tanh, after 60 training steps"))
    let r = try Self.lossRect(v)
    let x0 = r.x + 8
    let plotW = r.width - 8
    // Step 20 of 1…60: the live curve's last pixel column, and so its last cell.
    let lastPixel = Int((19.0 / 59.0 * Double(2 * plotW - 1)).rounded())
    let liveEnd = x0 + lastPixel / 2
    var live = 0
    var greyRight = 0
    for y in r.y..<r.maxY {
      for x in x0..<r.maxX where Self.isBraille(v.grid[x, y]) {
        let fg = v.grid[x, y].fg
        if x > liveEnd {
          #expect(fg == v.theme.ghost, "past step 20 only the pinned run: (\(x), \(y))")
          greyRight += 1
        } else if fg == v.theme.accent {
          live += 1
        }
      }
    }
    #expect(greyRight >= plotW / 2, "the ghost runs on to step 60: \(greyRight) cells")
    #expect(live >= 5, "the live curve over steps 1…20")
    _ = s.handle(.char("u"))
    #expect(s.view.pinnedRun == nil)
    #expect(!ScopeGrid(s).grid.text.contains("grey:"))
  }

  @Test func aPinnedRunShowsBeforeTheNextRunStarts() throws {
    var s = try Self.trained(30)
    Self.run(["pin panel=loss tanh RNN", "model cell=gru hidden=8"], on: &s)
    #expect(s.history.isEmpty && s.view.pinnedRun?.label == "tanh RNN")
    let v = ScopeGrid(s)
    let r = try Self.lossRect(v)
    #expect(v.text(r.y - 1, r.x, r.maxX).contains("press t to train; grey: the pinned run"))
    let grey = (r.y..<r.maxY).flatMap { y in (r.x..<r.maxX).map { (x: $0, y: y) } }
      .filter { Self.isBraille(v.grid[$0.x, $0.y]) }
    #expect(grey.count > 20 && grey.allSatisfy { v.grid[$0.x, $0.y].fg == v.theme.ghost })
  }

  /// The loss plot's top and bottom labels (the gutter's first and last rows).
  static func lossLabels(_ s: ScopeState) throws -> [String] {
    let v = ScopeGrid(s)
    let r = try lossRect(v)
    return [v.text(r.y, r.x, r.x + 7), v.text(r.maxY - 1, r.x, r.x + 7)]
  }

  @Test func aHeldLossAxisKeepsItsLabelsThroughMoreTraining() throws {
    var s = try Self.trained(20)
    let before = try Self.lossLabels(s)
    let drawn = try #require(s.trainingPlots.loss.dataRange)
    Self.run(["axis lock panel=loss"], on: &s)
    #expect(s.view.lossAxis == drawn && s.view.gradNormAxis != nil)
    #expect(ScopeGrid(s).grid.text.contains("training · t starts · axis held"))
    Self.run(["train 300"], on: &s)
    let auto = try #require(s.trainingPlots.loss.dataRange)
    #expect(auto.lowerBound < drawn.lowerBound - 0.05, "more training would rescale: \(auto)")
    let held = try Self.lossLabels(s)
    #expect(held[0] == before[0], "the top label stays")
    // The bottom one too, marked ↓: the loss has gone below the held axis.
    #expect(held[1].contains("↓") && held[1].replacingOccurrences(of: "↓", with: " ") == before[1])
    Self.run(["axis auto panel=loss"], on: &s)
    #expect(try Self.lossLabels(s) != held)
    Self.run(["axis lock panel=loss from=0 to=2.5"], on: &s)
    #expect(try Self.lossLabels(s) == ["   2.50", "      0"])
  }

  @Test func keysAndCommandsActOnTheFocusedPanel() throws {
    var s = try Self.trained(5)
    Self.run(["step 8", "backward"], on: &s)
    Self.run(["set focus=heatmap", "pin"], on: &s)
    #expect(s.view.pinned != nil && s.view.pinnedRun == nil, "heatmap focused: the gradient")
    Self.run(["set focus=training", "axis lock"], on: &s)
    #expect(s.view.lossAxis != nil && s.view.gradientAxis == nil)
    #expect(
      CommandLanguage.execute("unpin", on: &s)
        == .message("no loss curves pinned (unpin panel=gradient)"))
    #expect(CommandLanguage.execute("unpin panel=gradient", on: &s) == .message("unpinned"))
    for (line, said) in [
      ("pin panel=heatmap", "panel must be one of gradient, loss"),
      ("unpin panel=sideways", "unknown panel 'sideways'"),
      ("axis lock panel=heatmap from=0 to=1", "takes no from= or to="),
      ("axis lock panel=gradient from=0.5 to=1", "a decade, 10^N: a whole number"),
      ("axis lock panel=loss from=2 to=1", "from= below to= (got 2, 1)"),
      ("axis lock panel=loss from=0 to=1e9", "to must be within ±1e6"),
    ] {
      guard case .error(let e) = CommandLanguage.execute(line, on: &s) else {
        Issue.record("\(line) accepted")
        continue
      }
      #expect(e.contains(said), "\(line): \(e)")
    }
    var fresh = try ScopeState()
    Self.run(["set focus=training"], on: &fresh)
    guard case .error(let e) = CommandLanguage.execute("pin", on: &fresh) else {
      Issue.record("pin of no run accepted")
      return
    }
    #expect(e == "no loss curve to pin: train first (t)")
  }
}
