/// Which columns of a long time axis are visible, keeping the cursor in view.
public enum TimeWindow {
  /// The first visible column for `total` columns, `capacity` visible, cursor at `cursor`, previous
  /// `first`.
  public static func first(total: Int, capacity: Int, cursor: Int, previous: Int) -> Int {
    guard capacity > 0, total > capacity else { return 0 }
    var f = min(max(previous, 0), total - capacity)
    if cursor < f { f = cursor }
    if cursor >= f + capacity { f = cursor - capacity + 1 }
    return min(max(f, 0), total - capacity)
  }
}
