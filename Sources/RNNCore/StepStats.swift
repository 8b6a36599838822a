/// What one training step measured.
public struct StepStats: Sendable {
  public let step: Int
  /// Mean loss per target over the batch.
  public let loss: Double
  /// Share of targets predicted right (nil where accuracy means nothing).
  public let accuracy: Double?
  /// ‖∇θ‖ before clipping.
  public let gradNorm: Double
  public let clipped: Bool
  /// Mean over the batch of ‖∂L/∂h_t‖ of the top layer, t = 1…T.
  public let profile: [Double]

  public init(
    step: Int, loss: Double, accuracy: Double?, gradNorm: Double, clipped: Bool, profile: [Double]
  ) {
    self.step = step
    self.loss = loss
    self.accuracy = accuracy
    self.gradNorm = gradNorm
    self.clipped = clipped
    self.profile = profile
  }
}
