/// What the linearisation at a fixed or slow point says about the dynamics nearby, from the
/// eigenvalues λ of ∂F/∂s there: a perturbation along an eigenvector is multiplied by λ each step.
public enum FixedPointStability: Sendable, Equatable {
  /// Every |λ| < 1 − tol: perturbations die out; an attractor (a memory of the flip-flop).
  case stable
  /// k modes with |λ| > 1 + tol and the others below 1 − tol: 0 < k < n.
  case saddle(unstable: Int)
  /// Every |λ| > 1 + tol: a repeller.
  case unstable
  /// Some |λ| within tol of 1 (a line or ring attractor's direction), `unstable` others above.
  case marginal(unstable: Int, marginal: Int)

  /// From eigenvalue magnitudes: |λ| within `tolerance` of 1 is marginal.
  /// marginal if any ||λ| − 1| ≤ tol; else k = #{|λ| > 1}: stable (k = 0), unstable (k = n),
  /// saddle (0 < k < n).
  public init(magnitudes: [Double], tolerance: Double) {
    let near = magnitudes.filter { abs($0 - 1) <= tolerance }.count
    let above = magnitudes.filter { $0 > 1 + tolerance }.count
    if near > 0 {
      self = .marginal(unstable: above, marginal: near)
    } else if above == 0 {
      self = .stable
    } else if above == magnitudes.count {
      self = .unstable
    } else {
      self = .saddle(unstable: above)
    }
  }

  /// How many modes grow: |λ| > 1 + tol.
  public func unstableCount(dimension n: Int) -> Int {
    switch self {
    case .stable: return 0
    case .saddle(let k): return k
    case .unstable: return n
    case .marginal(let k, _): return k
    }
  }

  /// "stable", "saddle (1 unstable)", "unstable", "marginal (1 ≈ 1, 0 unstable)".
  public var description: String {
    switch self {
    case .stable: return "stable"
    case .saddle(let k): return "saddle (\(k) unstable)"
    case .unstable: return "unstable"
    case .marginal(let k, let m): return "marginal (\(m) ≈ 1, \(k) unstable)"
    }
  }

  /// One word: stable, saddle, unstable, marginal (for JSON).
  public var name: String {
    switch self {
    case .stable: return "stable"
    case .saddle: return "saddle"
    case .unstable: return "unstable"
    case .marginal: return "marginal"
    }
  }
}
