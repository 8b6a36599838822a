import RNNCore

/// The split view: a second model on the same sequence as the first (same task, example and
/// seed), stepped, reset and backpropagated with it, its gradients drawn on the same axis.
public struct SplitState: Sendable {
  /// The second model's session while split (nil: the single view).
  public internal(set) var other: SessionState?
  /// The comparison asked for last: `|` opens it again after `split off`.
  public internal(set) var change: SplitChange?
  /// What the first and the second model are called on screen ("tanh", "sigmoid").
  public internal(set) var labels = ("", "")

  public var isOpen: Bool { other != nil }
}
