/// What backpropagation through time over a forward pass returns. Arrays are indexed [layer][t].
public struct BPTTResult: Sendable {
  /// ∂L/∂θ for every parameter, L = Σ_t L_t (under truncation: what the truncated gradient sums
  /// to).
  public let gradients: ModelParameters
  /// ∂L/∂h_t: the total derivative of the whole loss at every layer and step.
  public let hiddenGradients: [[[Double]]]
  public let hiddenGradNorms: [[Double]]
  /// ‖∂L/∂c_t‖ for LSTM (nil for other cells).
  public let cellGradNorms: [[Double]]?
  /// ∂L_last/∂h_t, L_last = the loss at the last step with a target (always full BPTT; zero after
  /// that step).
  public let lastLossHiddenGradients: [[[Double]]]
  public let lastLossHiddenGradNorms: [[Double]]
  /// The step whose loss is L_last, if any step has a target.
  public let lastLossStep: Int?
}
