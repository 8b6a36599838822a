import RNNViews

@testable import RNNScopeApp

extension ScopeState {
  /// A key pressed on a visualizer showing this state, with no presentation: the key map's action,
  /// carried out as the visualizer does.
  mutating func handle(_ key: Key) -> KeyOutcome {
    var v = Visualizer(state: self)
    defer { self = v.state }
    return v.handle(key)
  }
}
