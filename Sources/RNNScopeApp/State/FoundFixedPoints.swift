import RNNCore

/// What `fixed` found on a model: the report, how it was asked for, the model searched (the points
/// are stale once the current model's weights differ), each point's unstable directions and the
/// point selected.
public struct FoundFixedPoints: Sendable {
  public let report: FixedPointReport
  /// x* as the report names it ("zero", "mean", "x at step 12").
  public let input: String
  public let tolerance: Double
  /// The model the points are of.
  let model: Model
  /// Per point, the right eigenvectors of ∂F/∂s with |λ| > 1 (`unstableDirections`), in the
  /// state's layout.
  let directions: [[[Double]]]
  /// The point selected, from 0 (its eigenvalues in the spectrum panel).
  public internal(set) var selected: Int? = nil

  /// Counts by stability, in the order the legend says them: "stable", "saddle", "unstable",
  /// "marginal" (only those with any).
  public var counts: [(name: String, count: Int)] {
    let names = ["stable", "saddle", "unstable", "marginal"]
    return names.compactMap { n in
      let k = report.points.filter { $0.stability.name == n }.count
      return k > 0 ? (n, k) : nil
    }
  }
}
