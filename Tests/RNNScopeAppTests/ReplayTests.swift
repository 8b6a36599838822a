import Foundation
import Testing

@testable import RNNCore
@testable import RNNScopeApp

/// A model training publishes is the model at once; its tape is replayed on a thread of its own and
/// lands only on the tape it replayed. Whatever the user does meanwhile, what lands in the end is
/// the newest model's tape, and no replay overwrites a newer choice.
struct ReplayTests {
  /// 1,000 steps of an LSTM of 2 × 256 units taken: a replay takes a second or more.
  static func stepped() throws -> ScopeState {
    var s = try LongWorkTests.bigState()
    _ = s.handle(.char("e"))
    _ = LongWorkTests.tickUntilIdle(&s)
    return s
  }

  static func nudged(_ m: Model, by d: Double) -> Model {
    var n = m
    n.parameters["fc.bias"][0] += d
    return n
  }

  @Test func aReplayOfATapeThatChangedMeanwhileIsBegunAgain() throws {
    var s = try Self.stepped()
    let newer = Self.nudged(s.model, by: 1)
    s.absorb([], newer, nil)
    #expect(s.training.replay != nil)
    _ = s.handle(.backspace)
    _ = LongWorkTests.tickUntilIdle(&s)
    #expect(s.stepsTaken == 999 && s.pass.model == newer && s.pass.stepCount == 999)
  }

  @Test func aLongBackwardUnderWayIsNotOverwrittenByAReplay() throws {
    var s = try Self.stepped()
    let newer = Self.nudged(s.model, by: 1)
    s.absorb([], newer, nil)
    _ = s.handle(.char("B"))
    #expect(s.work != nil, "the BPTT runs as long work")
    _ = LongWorkTests.tickUntilIdle(&s)
    #expect(s.pass.model == newer)
    let b = try #require(s.bptt)
    let fresh = backpropagate(s.pass)
    #expect(b.hiddenGradNorms == fresh.hiddenGradNorms, "the gradients are the shown tape's")
  }

  @Test func modelsPublishedFasterThanAReplayStillLand() throws {
    var s = try Self.stepped()
    let first = s.pass.model
    var latest = s.model
    let deadline = Date().addingTimeInterval(120)
    // A new model every 30 ms, as a fast training run would publish them.
    while s.pass.model == first && Date() < deadline {
      latest = Self.nudged(s.model, by: 0.01)
      s.absorb([], latest, nil)
      _ = s.tick(seconds: 0.03)
      usleep(30_000)
    }
    #expect(s.pass.model != first, "a replay landed while models kept coming")
    _ = LongWorkTests.tickUntilIdle(&s)
    #expect(s.pass.model == latest && s.model == latest, "the newest model's tape in the end")
  }

  @Test func anRNNsCycledActivationIsNotUndoneByAPendingReplay() throws {
    var s = try ScopeState()
    for line in ["task echo length=1000 delay=5", "model hidden=512 layers=4"] {
      if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(e)") }
    }
    s.interactive = true
    _ = s.handle(.char("e"))
    _ = LongWorkTests.tickUntilIdle(&s)
    let newer = Self.nudged(s.model, by: 1)
    s.absorb([], newer, nil)
    #expect(s.training.replay != nil)
    _ = s.handle(.char("s"))
    _ = LongWorkTests.tickUntilIdle(&s)
    #expect(s.model.config.activation == .sigmoid && s.options.activation == .sigmoid)
    #expect(s.model.parameters == newer.parameters, "the trained weights, with the new activation")
    #expect(s.pass.model == s.model)
  }
}
