import Foundation
import RNNCore
import RNNScopeApp

extension BenchCommand {
  /// The UI thread's cost of a model the training thread publishes, with 10,000 steps taken (a
  /// 10,000-character text, hidden 16): the time spent in `tick` — as the frame loop calls it, 30
  /// times a second — divided by the models it took, over about `seconds`.
  func trainingUpdateCost() throws -> (usPerModel: Double, models: Int) {
    var o = ScopeOptions()
    var text = builtinText
    while text.count < 10_000 { text += builtinText }
    o.text = String(text.prefix(10_000))
    var s = Visualizer(state: try ScopeState(options: o))
    _ = s.apply(.runToEnd)
    while s.work != nil { _ = s.tick(seconds: 0.033) }
    _ = s.apply(.toggleTraining)
    defer { s.shutDown() }
    var busy = 0.0
    let start = Date()
    let before = s.modelsTaken
    repeat {
      let t0 = DispatchTime.now().uptimeNanoseconds
      _ = s.tick(seconds: 0.033)
      busy += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
      usleep(33_000)
    } while Date().timeIntervalSince(start) < max(seconds, 3)
      || (s.modelsTaken - before < 3 && Date().timeIntervalSince(start) < 60)
    let models = s.modelsTaken - before
    return (busy / Double(max(models, 1)) * 1e6, models)
  }
}
