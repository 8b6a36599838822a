/// A training run's curves kept (`pin panel=loss`) to be drawn in grey under the next run's.
public struct PinnedRun: Sendable, Equatable {
  /// What it was: the user's words, or the cell, activation and training when pinned.
  public let label: String
  /// The training step of each point (the history's, thinned as it was).
  public let steps: [Int]
  public let loss: [Double]
  /// ‖∇θ‖ before clipping at each point.
  public let gradNorm: [Double]
}
