import RNNCore
import RNNViews

/// `set …`: view and training options; unset ones stay.
public struct Settings: Sendable, Equatable {
  /// 1 … `ViewState.speeds.count`.
  public var speed: Int?
  public var focus: PanelID?
  public var zoom: Bool?
  public var palette: Palette?
  public var colorRange: ColorRange?
  /// `range=lock`: the heatmap's colours held at the spans they have now.
  public var lockColors = false
  public var measure: GradientMeasure?
  public var optimizer: OptimizerKind?
  public var learningRate: Double?
  public var clip: Double?
  public var batch: Int?
  /// The settings as typed ("clip=0.5 lr=1e-3"), for the reply.
  public var typed = ""
  public init() {}
}
