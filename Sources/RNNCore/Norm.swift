/// Euclidean norm ‖x‖₂ computed with scaling (as LAPACK's dnrm2), so vectors whose entries are
/// 1e-200 or 1e+200 give their true norm instead of 0 or ∞ from squaring.
public func euclideanNorm(_ x: [Double]) -> Double {
  var scale = 0.0
  for v in x where v.isFinite { scale = max(scale, abs(v)) }
  if x.contains(where: { $0.isNaN }) { return .nan }
  if x.contains(where: { $0.isInfinite }) { return .infinity }
  if scale == 0 { return 0 }
  var sum = 0.0
  for v in x {
    let q = v / scale
    sum += q * q
  }
  return scale * sum.squareRoot()
}
