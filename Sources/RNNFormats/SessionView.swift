/// The view settings a session was saved with: the colours, the held axes and the pinned
/// references. Absent from sessions saved before they were kept, which load with the defaults.
public struct SessionView: Codable, Sendable, Equatable {
  /// `set palette=…`.
  public var palette: String?
  /// `set range=…` (auto, data, fixed).
  public var colorRange: String?
  /// `set range=lock`: the heatmap's colours held.
  public var heldColors: SessionHeldColors?
  /// `axis lock`: the gradient axis's decades, [from, to].
  public var gradientAxis: [Int]?
  /// `axis lock panel=loss`: the loss axis, [from, to], and the ‖∇‖ axis in log10.
  public var lossAxis: [Double]?
  public var gradNormAxis: [Double]?
  /// `pin`: the gradient profile kept.
  public var gradientPin: SessionGradientPin?
  /// `pin panel=loss`: the training run kept.
  public var lossPin: SessionLossPin?

  package init(
    palette: String? = nil, colorRange: String? = nil, heldColors: SessionHeldColors? = nil,
    gradientAxis: [Int]? = nil, lossAxis: [Double]? = nil, gradNormAxis: [Double]? = nil,
    gradientPin: SessionGradientPin? = nil, lossPin: SessionLossPin? = nil
  ) {
    self.palette = palette
    self.colorRange = colorRange
    self.heldColors = heldColors
    self.gradientAxis = gradientAxis
    self.lossAxis = lossAxis
    self.gradNormAxis = gradNormAxis
    self.gradientPin = gradientPin
    self.lossPin = lossPin
  }
}
