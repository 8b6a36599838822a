/// One fixed or slow point s* of s ↦ F(s, x*) found by `FixedPointFinder`, with its linearisation.
public struct FixedPoint: Sendable, Equatable {
  /// The state s* (`FixedPointFinder`'s layout: every layer's h, and c after h for the LSTM).
  public let state: [Double]
  /// q(s*) = ½‖F(s*) − s*‖².
  public let q: Double
  /// ‖∇q(s*)‖ = ‖(∂F/∂s − I)ᵀ (F(s*) − s*)‖: 0 at a fixed point and at a slow point (a local
  /// minimum of q above the tolerance).
  public let gradientNorm: Double
  /// q below the tolerance: a fixed point; above it (but a local minimum): a slow point.
  public let isFixed: Bool
  /// The eigenvalues of ∂F/∂s at s*, by |λ| descending (ties by real, then imaginary part).
  public let eigenvalues: [Spectral.Eigenvalue]
  public let stability: FixedPointStability
  /// o* = W_fc h*_top + b_fc: the head applied to the top layer's h*.
  public let readout: [Double]
  /// The start (index into the finder's starts) that led here first, and its iterations.
  public let start: Int
  public let iterations: Int

  /// How many eigenvalues have |λ| > 1 + the marginal tolerance.
  public var unstableCount: Int { stability.unstableCount(dimension: eigenvalues.count) }
}
