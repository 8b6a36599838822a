import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// A padded step (mask 0) is not an ordinary step: greyed in the strip with no prediction judged,
/// and the readout says it is masked.
struct PaddedStepTests {
  @Test func paddedStepsAreGreyedAndNotJudged() throws {
    var s = try ScopeState()
    _ = CommandLanguage.execute("step 3", on: &s)
    _ = CommandLanguage.execute("pad 2", on: &s)
    #expect(s.isCorrect(3) == nil && s.isCorrect(4) == nil && s.predictedToken(4) == nil)
    let frame = ScopeFrame(s, width: 120, height: 40)
    let g = ScopeScreen.render(frame, theme: Theme())
    let strip = try #require(frame.layout?.panels[.sequence])
    let predictionRow = strip.y + 3
    let x3 = strip.x + 1 + TimeColumns.gutter + (3 - frame.firstColumn) * frame.columnWidth
    #expect(g[x3, predictionRow].char == "░" && g[x3, predictionRow].fg == Theme().dim)
    #expect(g[x3, strip.y + 1].fg == Theme().dim, "the padded step's input greyed")
    #expect(g.text.contains("sequence · ") && g.text.contains("/3 right"), "three steps judged")
    #expect(g.text.contains("masked: no input, no loss"), "the readout at the cursor (step 5)")
  }
}
