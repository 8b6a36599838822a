import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// The training panel says that ‖∇‖ is the norm before clipping, draws the threshold, colours the
/// steps where clipping fired, and never cuts a number mid-value.
struct TrainingPanelTests {
  static func panel(width: Int) -> (CellGrid, Rect) {
    var h = TrainingHistory()
    for k in 1...40 {
      // Every fourth step's gradient is past the clipping threshold 1.
      let norm = k % 4 == 0 ? 3.0 : 0.2
      h.append(
        StepStats(
          step: k, loss: 1 / Double(k), accuracy: 0.5, gradNorm: norm, clipped: norm > 1,
          profile: []))
    }
    let p = TrainingPanel(
      isTraining: true, trainedSteps: 40, history: h, optimizer: "adam", batch: 16, clip: 1,
      fault: nil, focused: false)
    var g = CellGrid(width: width, height: 14)
    let r = Rect(x: 0, y: 0, width: width, height: 14)
    p.draw(into: &g, in: r, theme: Theme())
    return (g, r)
  }

  @Test func theNormIsLabelledAndClippedStepsAreMarked() {
    let (g, _) = Self.panel(width: 100)
    #expect(g.text.contains("‖∇‖ 3.00e0 before clipping"), "the last step, clipped")
    #expect(g.text.contains("clipped 25 %"))
    #expect(g.text.contains("clip 1.0"), "the threshold's label")
    let theme = Theme()
    let marked = (0..<g.height).contains { y in
      (0..<g.width).contains { x in
        g[x, y].fg == theme.error && g[x, y].char.value >= 0x2800 && g[x, y].char.value <= 0x28FF
      }
    }
    #expect(marked, "the clipped steps drawn in the error colour")
  }

  @Test func aNarrowPanelDropsFiguresWholeNeverCutsThem() {
    let (g, _) = Self.panel(width: 44)
    let head = g.text.split(separator: "\n")[1]
    #expect(head.contains("step 40") && head.contains("loss"))
    #expect(!head.contains("acc 0.") || head.contains("acc 0.50"), "no number cut: \(head)")
  }
}
