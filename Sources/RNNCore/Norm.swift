/// Euclidean norm ‖x‖₂ computed with scaling (as LAPACK's dnrm2), so vectors whose entries are
/// 1e-200 or 1e+200 give their true norm instead of 0 or ∞ from squaring.
public func euclideanNorm(_ x: [Double]) -> Double {
  euclideanNorm { body in x.withUnsafeBufferPointer(body) }
}

/// ‖x‖₂ of the values `forEach` hands over, buffer after buffer, as if one array (the same sums
/// in the same order).
func euclideanNorm(_ forEach: ((UnsafeBufferPointer<Double>) -> Void) -> Void) -> Double {
  var scale = 0.0
  var nan = false
  var infinite = false
  forEach { a in
    for v in a {
      if v.isNaN {
        nan = true
      } else if v.isInfinite {
        infinite = true
      } else {
        scale = max(scale, abs(v))
      }
    }
  }
  if nan { return .nan }
  if infinite { return .infinity }
  if scale == 0 { return 0 }
  var sum = 0.0
  forEach { a in
    for v in a {
      let q = v / scale
      sum += q * q
    }
  }
  return scale * sum.squareRoot()
}
