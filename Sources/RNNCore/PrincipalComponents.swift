import CLapackShim

/// The principal components of a set of states (one per row): the mean, the principal axes — the
/// right singular vectors of the centred states X − x̄ (LAPACK dgesdd) — and the variance along
/// each, σ_j² / (m − 1). Each axis's sign is fixed so that its largest entry is positive, so that
/// the same states always give the same picture.
public struct PrincipalComponents: Sendable, Equatable {
  /// x̄, the states' mean (n values).
  public let mean: [Double]
  /// The axes, most variance first: min(m, n) rows of n values, orthonormal.
  public let axes: [[Double]]
  /// The variance of the states along each axis, σ_j² / (m − 1), descending.
  public let variances: [Double]

  /// The components of `states` (m rows of n values, m ≥ 2); nil for fewer than two states, states
  /// of different lengths or not finite, or a LAPACK failure.
  public init?(_ states: [[Double]]) {
    let m = states.count
    guard m >= 2, let n = states.first?.count, n > 0,
      states.allSatisfy({ $0.count == n && $0.allSatisfy(\.isFinite) })
    else { return nil }
    var mean = [Double](repeating: 0, count: n)
    for x in states {
      for i in 0..<n { mean[i] += x[i] }
    }
    for i in 0..<n { mean[i] /= Double(m) }
    // X − x̄, row-major m × n.
    var a = [Double](repeating: 0, count: m * n)
    for (r, x) in states.enumerated() {
      for i in 0..<n { a[r * n + i] = x[i] - mean[i] }
    }
    let k = min(m, n)
    var s = [Double](repeating: 0, count: k)
    var v = [Double](repeating: 0, count: k * n)
    guard rs_principal_axes(Int32(m), Int32(n), &a, &s, &v) == 0 else { return nil }
    var axes: [[Double]] = []
    for j in 0..<k {
      var axis = Array(v[(j * n)..<((j + 1) * n)])
      let largest = axis.indices.max { abs(axis[$0]) < abs(axis[$1]) }!
      if axis[largest] < 0 { axis = axis.map { -$0 } }
      axes.append(axis)
    }
    self.mean = mean
    self.axes = axes
    variances = s.map { $0 * $0 / Double(m - 1) }
  }

  /// The share of the total variance along each axis (0…1; all 0 when the states are equal).
  public var shares: [Double] {
    let total = variances.reduce(0, +)
    return variances.map { total > 0 ? $0 / total : 0 }
  }

  /// x's coordinates along the axes `components` (indices into `axes`): (x − x̄) · axis_j.
  public func project(_ x: [Double], onto components: [Int]) -> [Double] {
    components.map { j in
      guard j < axes.count, x.count == mean.count else { return 0 }
      var d = 0.0
      for i in 0..<x.count { d += (x[i] - mean[i]) * axes[j][i] }
      return d
    }
  }
}
