import RNNViews

/// The heatmap's colour spans held (`set range=lock`): the ones it had then, whatever the values
/// that follow.
public struct HeldColors: Sendable, Equatable {
  /// ±limit for h (and c, when `cell` is nil).
  public let signed: ColorSpan
  /// lower…upper for the gates.
  public let gates: ColorSpan
  /// ±limit for an LSTM's c when it has its own (nil: c shares `signed`).
  public var cell: ColorSpan? = nil
  /// The range they were taken under (`set range=…` again lets go).
  public let from: ColorRange
}
