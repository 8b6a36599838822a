import RNNViews

/// A fixed point as the trajectory panel marks it: where its top-layer h projects on the panel's
/// two components, what kind it is, and its unstable directions projected on them.
struct FixedPointMarker: Sendable {
  enum Kind: Sendable, Equatable {
    /// Every |λ| < 1.
    case stable
    /// Some |λ| > 1 (a saddle, or a repeller whose every mode grows).
    case unstable
    /// Some |λ| ≈ 1.
    case marginal
  }

  var x: Double
  var y: Double
  var kind: Kind
  /// Each unstable direction's two coordinates along the components (a unit vector of the state
  /// foreshortened by the projection: length ≤ 1).
  var directions: [(Double, Double)] = []

  /// ● stable, ○ unstable, ◆ marginal; ASCII O, x, ~.
  static func glyph(_ k: Kind, unicode: Bool) -> Unicode.Scalar {
    switch k {
    case .stable: return unicode ? "●" : "O"
    case .unstable: return unicode ? "○" : "x"
    case .marginal: return unicode ? "◆" : "~"
    }
  }

  /// Stable green, unstable red, marginal pink; all dim once the weights changed (stale).
  static func color(_ k: Kind, stale: Bool, _ theme: Theme) -> TermColor {
    if stale { return theme.dim }
    switch k {
    case .stable: return theme.good
    case .unstable: return theme.error
    case .marginal: return theme.bound
    }
  }
}
