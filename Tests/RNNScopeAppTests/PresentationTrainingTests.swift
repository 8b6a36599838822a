import Foundation
import Testing

@testable import RNNScopeApp

/// A session's `train N` is waited for: the next lines (a backward, a caption quoting the
/// accuracy) run on the trained model; `t` stops the wait; a pause reached while training ran until
/// stopped trains again when it is gone back to.
struct PresentationTrainingTests {
  static func playing(_ script: String) throws -> Visualizer {
    var v = Visualizer(state: try ScopeState())
    let p = Presentation(script: SessionScript(file: "train.rnns", text: script))
    #expect(v.present(p) == nil)
    return v
  }

  /// Ticks until the presentation stops waiting (or a minute passes).
  static func waitOut(_ v: inout Visualizer) {
    let deadline = Date().addingTimeInterval(60)
    while v.presentation?.waiting == true && Date() < deadline {
      _ = v.tick(seconds: 0.03)
      usleep(2000)
    }
  }

  @Test func trainNIsWaitedForBeforeTheNextLines() throws {
    var v = try Self.playing(
      "task echo length=8 delay=2\nmodel hidden=4\ntrain 30\nrun\nsay after {trained}\npause\n")
    #expect(v.presentation?.waitingForTraining == true && v.isTraining)
    #expect(v.stepsTaken == 0 && v.narration == nil, "run and say wait for the training")
    _ = v.handle(.char(" "))
    #expect(v.message?.contains("the session trains") == true, "Space says why it waits")
    #expect(v.stepsTaken == 0)
    Self.waitOut(&v)
    #expect(!v.isTraining && v.trainedSteps == 30)
    #expect(v.stepsTaken == 8 && v.presentation?.pausesPassed == 1)
    #expect(v.narration == "after {trained}")
    #expect(!v.isReplaying, "the tape shows the trained model")
  }

  @Test func stoppingTheTrainingLeavesTheRestToSpace() throws {
    var v = try Self.playing(
      "task echo length=8 delay=2\nmodel hidden=4\ntrain 100000\nsay next\npause\n")
    #expect(v.presentation?.waitingForTraining == true)
    _ = v.handle(.char("t"))
    #expect(!v.isTraining && v.presentation?.waiting == false)
    _ = v.tick(seconds: 0.03)
    #expect(v.narration == nil, "stopped by the presenter: it waits for Space")
    _ = v.handle(.char(" "))
    #expect(v.narration == "next" && v.presentation?.pausesPassed == 1)
  }

  @Test func aPauseWhileTrainingUntilStoppedTrainsAgainWhenRestored() throws {
    var v = try Self.playing(
      "task echo length=8 delay=2\nmodel hidden=4\ntrain\nsay one\npause\ntrain stop\nsay two\n")
    #expect(v.isTraining && v.narration == "one", "no N: not waited for")
    _ = v.handle(.char(" "))
    #expect(!v.isTraining && v.narration == "two")
    _ = v.handle(.pageUp)
    #expect(v.narration == "one" && v.isTraining, "back at the pause, training runs again")
    v.shutDown()
  }
}
