/// The constant input x* held while looking for fixed points of s ↦ F(s, x*).
public enum FixedPointInput: Sendable, Equatable {
  /// x* = 0.
  case zero
  /// x* = (1/T) Σ_t x_t, the mean of a sequence's layer-0 inputs.
  case mean
  /// x* = x_t, the input at step t (0-based) of a sequence.
  case step(Int)

  /// "zero", "mean", "step 12".
  public var description: String {
    switch self {
    case .zero: return "zero"
    case .mean: return "mean"
    case .step(let t): return "step \(t)"
    }
  }

  /// x* as a layer-0 input vector of `width` values, from a sequence's layer-0 inputs (one-hot
  /// tokens, embedding rows or vectors as the first layer reads them; `FixedPointFinder.inputs`).
  /// nil for a step outside the sequence.
  public func vector(width: Int, inputs: [[Double]]) -> [Double]? {
    switch self {
    case .zero: return [Double](repeating: 0, count: width)
    case .mean:
      var m = [Double](repeating: 0, count: width)
      guard !inputs.isEmpty else { return m }
      for x in inputs { addInPlace(&m, x) }
      return m.map { $0 / Double(inputs.count) }
    case .step(let t):
      return inputs.indices.contains(t) ? inputs[t] : nil
    }
  }
}
