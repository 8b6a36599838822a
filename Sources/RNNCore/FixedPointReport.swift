/// What `FixedPointFinder.find` returns: the distinct points and what became of every start.
public struct FixedPointReport: Sendable, Equatable {
  /// Distinct points: fixed before slow, then by unstable modes (stable first), then by the start
  /// that found them.
  public let points: [FixedPoint]
  /// How many starts were run.
  public let starts: Int
  /// Starts that ended neither below the tolerance nor at a local minimum of q (iterations ran
  /// out, or the state stopped being finite).
  public let unconverged: Int
  /// Converged starts merged into a point found before (closer than the de-duplication distance).
  public let duplicates: Int
  /// The input held, x*.
  public let input: [Double]

  public var fixed: [FixedPoint] { points.filter(\.isFixed) }
  public var slow: [FixedPoint] { points.filter { !$0.isFixed } }
}
