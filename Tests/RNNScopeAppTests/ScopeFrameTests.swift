import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// The frame is made once per change, and drawing it is a pure function of it.
@Suite struct ScopeFrameTests {
  @Test func theSpectrumIsReusedUntilTheWeightsBlockChanges() throws {
    var s = try ScopeState()
    let first = ScopeFrame(s, width: 120, height: 40)
    for _ in 0..<5 { _ = s.handle(.right) }
    let stepped = ScopeFrame(s, width: 120, height: 40, previous: first)
    // Reused, not recomputed: the very same storage.
    let same = first.spectrum.eigenvalues.withUnsafeBufferPointer { a in
      stepped.spectrum.eigenvalues.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
    }
    #expect(same)
    var o = s.options
    o.seed = 2
    try s.rebuild(options: o)
    let rebuilt = ScopeFrame(s, width: 120, height: 40, previous: stepped)
    #expect(rebuilt.spectrum.figures != stepped.spectrum.figures)
    #expect(rebuilt.spectrum.figures == ScopeFrame(s, width: 120, height: 40).spectrum.figures)
  }

  @Test func renderingAFrameTwiceDrawsTheSameScreen() throws {
    var s = try ScopeState()
    for _ in 0..<12 { _ = s.handle(.right) }
    _ = s.handle(.char("B"))
    let frame = ScopeFrame(s, width: 120, height: 40)
    #expect(ScopeScreen.render(frame, theme: Theme()) == ScopeScreen.render(frame, theme: Theme()))
    #expect(
      ScopeScreen.render(frame, theme: Theme())
        == ScopeScreen.render(s, width: 120, height: 40, theme: Theme()))
  }
}
