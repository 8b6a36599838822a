/// What a recurrent layer reads at one timestep: a token as a one-hot vector (layer 0 without an
/// embedding) or a dense vector.
public enum LayerInput: Sendable, Equatable {
  case oneHot(Int)
  case dense([Double])

  /// W x  (for a one-hot x, the column of W)
  @inline(__always) func applied(to w: Matrix) -> [Double] {
    switch self {
    case .oneHot(let k): return w.column(k)
    case .dense(let x): return w.times(x)
    }
  }

  /// dW += d xᵀ
  @inline(__always) func accumulate(_ d: [Double], into w: inout Matrix) {
    switch self {
    case .oneHot(let k): for r in d.indices { w[r, k] += d[r] }
    case .dense(let x): w.addOuter(d, x)
    }
  }
}
