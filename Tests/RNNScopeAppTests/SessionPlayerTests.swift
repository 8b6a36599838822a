import Testing

@testable import RNNScopeApp

/// The player stops where a lecturer does: at every pause and at the end, captions expanded.
struct SessionPlayerTests {
  @Test func itStopsAtEveryPauseAndTheEnd() throws {
    let play = try SessionPlayer("05-eigenvalues.rnns")
    let script = try SessionScript.load(SessionPlayer.folder + "/05-eigenvalues.rnns")
    #expect(play.stops.count == script.lines.filter { $0.text == "pause" }.count + 1)
    #expect(play.stops.allSatisfy { $0.caption?.contains("{") != true }, "fields expanded")
  }
}
