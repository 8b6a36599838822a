import Foundation
import Testing

@testable import RNNCore
@testable import RNNScopeApp

/// Long work in the visualizer runs in slices between frames: keys are answered meanwhile, Esc
/// stops it, q quits, and a presentation goes on only when it has ended.
struct LongWorkTests {
  /// An LSTM of 2 × 256 units on echo sequences of 1,000 steps: about 10⁹ multiply-adds to run them
  /// all.
  static func bigState() throws -> ScopeState {
    var s = try ScopeState()
    for line in ["task echo length=1000 delay=5", "model cell=lstm hidden=256 layers=2"] {
      if case .error(let e) = CommandLanguage.execute(line, on: &s) {
        Issue.record("\(line): \(e)")
      }
    }
    s.interactive = true
    return s
  }

  /// Ticks as the frame loop would (a millisecond between frames) until the work (and a replay of a
  /// model training published) ends, for up to 5 minutes.
  static func tickUntilIdle(_ s: inout ScopeState) -> Int {
    var ticks = 0
    let deadline = Date().addingTimeInterval(300)
    while (s.work != nil || s.training.replay != nil) && Date() < deadline {
      _ = s.tick(seconds: 0.03)
      ticks += 1
      usleep(1000)
    }
    return ticks
  }

  @Test func eStepsInSlicesAndOtherKeysWait() throws {
    var s = try Self.bigState()
    _ = s.handle(.char("e"))
    #expect(s.work != nil && s.stepsTaken < 1000, "e returned at once with the work queued")
    #expect(s.message?.hasPrefix("stepping to the end: step") == true, "\(s.message ?? "")")
    _ = s.tick(seconds: 0.03)
    let partway = s.stepsTaken
    _ = s.handle(.char(" "))
    _ = s.handle(.backspace)
    #expect(s.stepsTaken == partway, "keys wait for the work")
    let ticks = Self.tickUntilIdle(&s)
    #expect(ticks > 1, "the steps took more than one slice")
    #expect(s.stepsTaken == 1000 && s.message == "stepping to the end: done, step 1000/1000")
  }

  @Test func escStopsTheWorkAndQQuits() throws {
    var s = try Self.bigState()
    _ = s.handle(.char("e"))
    _ = s.tick(seconds: 0.03)
    _ = s.handle(.escape)
    #expect(s.work == nil && s.stepsTaken > 0 && s.stepsTaken < 1000)
    #expect(s.message?.hasPrefix("stepping to the end stopped at step") == true)
    _ = s.handle(.char("e"))
    #expect(s.handle(.char("q")) == .quit(exitCode: 0))
    _ = s.handle(.char("e"))
    #expect(s.handle(.ctrlC) == .quit(exitCode: 130))
  }

  @Test func aPresentationWaitsForItsLongCommand() throws {
    var s = try ScopeState()
    s.interactive = true
    let script =
      "task echo length=1000 delay=5\nmodel cell=lstm hidden=256 layers=2\nrun\nbackward\nsay the end\npause\n"
    var p = Presentation(script: SessionScript(file: "long.rnns", text: script))
    #expect(p.advance(&s) == nil)
    #expect(p.waitingForWork && s.stepsTaken < 1000 && s.bptt == nil && s.narration == nil)
    var v = Visualizer(state: s, presentation: p)
    let deadline = Date().addingTimeInterval(300)
    while v.presentation?.waitingForWork == true && Date() < deadline {
      _ = v.tick(seconds: 0.03)
      usleep(1000)
    }
    #expect(v.stepsTaken == 1000 && v.bptt != nil && v.narration == "the end")
    #expect(v.presentation?.waitingForWork == false && v.presentation?.pausesPassed == 1)
  }

  /// A model training published during the work is the model at once (what would be saved or
  /// trained on), but its tape waits for the work's end (or Esc); then its replay of the steps runs
  /// on a thread of its own, and lands.
  @Test func aModelPublishedDuringTheWorkIsTakenWhenItStops() throws {
    var s = try Self.bigState()
    var newer = s.model
    newer.parameters["fc.bias"][0] += 1
    _ = s.handle(.char("e"))
    s.absorb([], newer, nil)
    #expect(s.model == newer && s.pass.model != newer, "the model at once, the tape unchanged")
    #expect(s.training.tapeIsStale && s.training.replay == nil, "no replay while the steps run")
    _ = s.handle(.escape)
    #expect(!s.training.tapeIsStale && s.training.replay != nil, "replaying on a thread")
    let steps = s.stepsTaken
    _ = Self.tickUntilIdle(&s)
    #expect(s.model == newer && s.stepsTaken == steps && s.pass.model == newer)
  }

  @Test func aLongBackwardRunsOnAThreadAndEqualsOneDoneAtOnce() throws {
    var s = try Self.bigState()
    _ = s.handle(.char("e"))
    _ = Self.tickUntilIdle(&s)
    var headless = s
    headless.interactive = false
    headless.backward(animate: false)
    _ = s.handle(.char("B"))
    #expect(s.work != nil && s.bptt == nil, "B returned at once, the BPTT on its thread")
    #expect(s.message == "backpropagating over 1000 steps — Esc stops, q quits")
    _ = Self.tickUntilIdle(&s)
    let sameNorms = s.bptt?.hiddenGradNorms == headless.bptt?.hiddenGradNorms
    let sameGradients = s.bptt?.gradients == headless.bptt?.gradients
    #expect(sameNorms && sameGradients, "the thread's BPTT equals the one done at once")
    #expect(s.message?.hasPrefix("BPTT over 1000 steps") == true)
  }

  @Test func escCancelsALongBackwardAndQuitWaitsForItsThread() throws {
    var s = try Self.bigState()
    _ = s.handle(.char("e"))
    _ = Self.tickUntilIdle(&s)
    _ = s.handle(.char("B"))
    _ = s.handle(.escape)
    #expect(
      s.work == nil && s.bptt == nil && s.message == "backpropagating stopped at step 1000/1000")
    _ = s.handle(.char("B"))
    #expect(s.handle(.char("q")) == .quit(exitCode: 0) && s.work == nil)
  }

  @Test func headlessWorkIsDoneAtOnce() throws {
    var s = try Self.bigState()
    s.interactive = false
    _ = CommandLanguage.execute("step 300", on: &s)
    #expect(s.work == nil && s.stepsTaken == 300)
  }

  @Test func aLongSampleIsSlicedAndEqualsOneDoneAtOnce() throws {
    var s = try ScopeState()
    _ = CommandLanguage.execute("model hidden=512 layers=4 cell=lstm", on: &s)
    let headless = s
    s.interactive = true
    guard case .message(let m) = CommandLanguage.execute("sample 300 prime=the", on: &s) else {
      Issue.record("sample")
      return
    }
    #expect(m.hasPrefix("sampling: 0 of 300 characters"), "\(m)")
    _ = Self.tickUntilIdle(&s)
    var h = headless
    guard case .message(let whole) = CommandLanguage.execute("sample 300 prime=the", on: &h) else {
      Issue.record("sample")
      return
    }
    // Done, the sample goes to the output pane whole; the status line points there.
    #expect(s.view.output?.lines.joined(separator: "\n") == whole && whole.count == 303)
    #expect(s.message == "sample: in the output pane ([ ] scroll, o closes)")
  }

  @Test func aSamplerInPiecesGivesTheSameTextAsOneCall() throws {
    let s = try ScopeState()
    let v = try #require(s.task.vocabulary)
    var sampler = TextSampler(model: s.model, vocabulary: v, prime: "ab", temperature: 0.7, seed: 9)
    let pieces = sampler.next(7) + sampler.next(13)
    #expect(
      pieces
        == sampleText(
          model: s.model, vocabulary: v, prime: "ab", length: 20, temperature: 0.7, seed: 9))
  }
}
