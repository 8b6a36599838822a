import RNNCore

extension Limits {
  /// `set speed=N`: an index into the animation speeds, from 1.
  public static let speed = Whole(range: 1...ViewState.speeds.count)
}
