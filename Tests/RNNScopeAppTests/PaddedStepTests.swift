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

/// A replay of the tape (a cycled activation, a model training published) masks the padded steps
/// again.
struct PaddedReplayTests {
  @Test func aReplayKeepsThePaddedStepsPadded() throws {
    var s = try ScopeState()
    _ = CommandLanguage.execute("step 3", on: &s)
    _ = CommandLanguage.execute("pad 2", on: &s)
    _ = CommandLanguage.execute("step 1", on: &s)
    _ = s.apply(.cycleActivation)
    #expect(s.record(3)?.active == false && s.record(4)?.active == false)
    #expect(s.record(5)?.active == true && s.record(2)?.active == true)
    _ = s.apply(.back(count: 2))
    _ = s.apply(.step(count: 2))
    #expect(s.record(4)?.active == true, "stepped back over a padded step, then forward: active")

    var v = Visualizer(state: try ScopeState())
    _ = v.apply(.step(count: 2))
    _ = v.apply(.pad(count: 1))
    var newer = v.model
    newer.parameters["fc.bias"][0] += 1
    var s2 = v.state
    s2.absorb([], newer, nil)
    while s2.training.replay != nil { _ = s2.tick(seconds: 0.01) }
    #expect(s2.pass.model == newer && s2.record(2)?.active == false, "the replayed tape masks it")
  }
}
