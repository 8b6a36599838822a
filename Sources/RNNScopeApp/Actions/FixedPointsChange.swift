import RNNCore

/// What `fixed` asks of the fixed points (and `{` `}`): a search, a point selected, none kept.
public enum FixedPointsChange: Sendable, Equatable {
  /// Search from `starts` states of the tape with x* held (`.step(t)`: t counted from 1, as the
  /// screen counts steps); q ≤ `tolerance` is fixed; each descent ends once q ≤ `stop` when
  /// given (slow points: a line attractor's line).
  case find(input: FixedPointInput, starts: Int, tolerance: Double, stop: Double? = nil)
  /// Point i (from 0) selected, its eigenvalues in the spectrum panel; nil: none.
  case select(Int?)
  /// The next (+1) or previous (−1) point selected.
  case selectNext(by: Int)
  /// The points dropped.
  case off
}
