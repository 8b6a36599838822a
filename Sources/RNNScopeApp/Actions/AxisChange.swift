/// `axis …`: how the gradient panel's log axis is set.
public enum AxisChange: Sendable, Equatable {
  /// By the profiles shown (the default).
  case auto
  /// Held at these decades; nil: at those shown now.
  case lock(ClosedRange<Int>?)
}
