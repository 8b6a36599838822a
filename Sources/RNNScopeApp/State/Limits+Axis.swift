import RNNCore

extension Limits {
  /// `axis lock from=N to=N`: decades of the gradient axis, 10^N, as far as a Double reaches.
  public static let decade = Whole(range: -330...310)
}
