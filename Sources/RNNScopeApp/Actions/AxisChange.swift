/// `axis …`: how a panel's axis is set (the gradient's log axis, the loss axis, the heatmap's
/// colour range).
public enum AxisChange: Sendable, Equatable {
  /// By what the panel shows (the default).
  case auto
  /// Held at this range (the gradient's: decades, 10^N; the loss's: values); nil: at the one shown
  /// now.
  case lock(ClosedRange<Double>?)
}
