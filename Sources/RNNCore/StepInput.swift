/// The input at one timestep: a token index read as a one-hot vector, or a dense vector.
public enum StepInput: Sendable, Equatable {
  case token(Int)
  case vector([Double])

  /// The input as a dense vector of `size` entries.
  public func dense(size: Int) -> [Double] {
    switch self {
    case .token(let i):
      var v = [Double](repeating: 0, count: size)
      v[i] = 1
      return v
    case .vector(let v): return v
    }
  }
}
