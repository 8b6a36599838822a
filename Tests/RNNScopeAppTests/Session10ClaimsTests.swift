import Foundation
import RNNViews
import Testing

@testable import RNNCore
@testable import RNNScopeApp

/// Session 10's captions against the engine: untrained noise, a trained loss below the untrained
/// one, and three samples of ONE trained model — at 0.5 fewer distinct characters and more "the"
/// than at 1, at 1.5 more distinct characters — each in the output pane at 120×40 and 80×24.
struct Session10ClaimsTests {
  /// The words of three letters or more of the built-in text.
  static let words = Set(letterRuns(builtinText).filter { $0.count >= 3 })

  static func letterRuns(_ s: String) -> [String] {
    s.split { !$0.isLetter }.map(String.init)
  }

  /// The sample in the output pane, without its prime.
  static func sample(_ s: ScopeState) throws -> String {
    let o = try #require(s.view.output)
    #expect(o.title == "sample")
    let text = o.lines.joined(separator: "\n")
    #expect(text.hasPrefix("Alice"))
    return String(text.dropFirst("Alice".count))
  }

  /// The sample's words that are words of the text.
  static func realWords(_ s: String) -> Set<String> {
    Set(letterRuns(s).filter { words.contains($0) })
  }

  static func count(_ word: String, in s: String) -> Int {
    letterRuns(s).filter { $0 == word }.count
  }

  @Test func itsCaptionsHold() throws {
    let play = try SessionPlayer("10-char-model.rnns")
    #expect(play.stops.count == 4)
    let untrained = play.stops[0].state
    #expect(untrained.trainedSteps == 0 && untrained.stepsTaken == 25)
    let noise = try Self.sample(untrained)
    #expect(noise.count == 60)
    #expect(Self.realWords(noise).isEmpty, "noise: no word of the text in \(noise)")
    let c0 = try #require(play.stops[0].caption)
    #expect(c0.contains(NumberFormat.short(untrained.pass.totalLoss)))

    let trained = play.stops[1].state
    #expect(trained.trainedSteps == 300 && trained.stepsTaken == 25)
    #expect(trained.pass.totalLoss < untrained.pass.totalLoss, "the loss fell")
    let c1 = try #require(play.stops[1].caption)
    #expect(c1.contains(NumberFormat.short(trained.pass.totalLoss)) && c1.contains("300"))
    let curve = trained.training.history.loss
    #expect(curve.count >= 2 && curve.last! < curve.first!, "the training panel's loss falls")
    #expect(ScopeGrid(trained).rect(.training) != nil, "the training panel in view")
    let t1 = try Self.sample(trained)
    #expect(Self.realWords(t1).count >= 2, "some of the text's words in \(t1)")

    // The same weights at every later stop: no training between the samples.
    for k in 2...3 {
      #expect(play.stops[k].state.trainedSteps == 300)
      #expect(play.stops[k].state.model == trained.model, "stop \(k): the same weights")
    }
    #expect(play.stops[2].caption?.contains("300") == true)
    let cold = try Self.sample(play.stops[2].state)
    let hot = try Self.sample(play.stops[3].state)
    #expect(Set(cold).count < Set(t1).count, "0.5: fewer distinct characters than at 1")
    #expect(
      Self.count("the", in: cold) > Self.count("the", in: t1), "0.5: \"the\" more often than at 1")
    #expect(Set(hot).count > Set(t1).count, "1.5: more distinct characters than at 1")

    // Each sample whole in the output pane, at both sizes.
    for k in 0...3 {
      let s = play.stops[k].state
      let text = try Self.sample(s)
      for (w, h) in [(120, 40), (80, 24)] {
        let g = ScopeGrid(s, width: w, height: h)
        #expect(g.frame.output != nil, "stop \(k): the output pane at \(w)×\(h)")
        let r = g.frame.outputRect
        let lines = OutputPane.wrapped(s.view.output!.lines, width: r.width - 3)
        #expect(lines.count <= r.height - 2, "stop \(k): the whole sample in view at \(w)×\(h)")
        let shown = (r.y + 1..<r.maxY - 1).map { g.text($0, r.x + 2, r.maxX - 1) }
          .joined().filter { $0 != " " }
        #expect(shown.contains(("Alice" + text).filter { $0 != " " }), "stop \(k) at \(w)×\(h)")
      }
    }
  }
}
