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
  /// ∂L_last/∂h_t, L_last = the loss at the last step with a target, back through the window that
  /// holds it (`lastLossWindow`: every step under full BPTT); zero after that step and before the
  /// window.
  public let lastLossHiddenGradients: [[[Double]]]
  public let lastLossHiddenGradNorms: [[Double]]
  /// ‖∂L_last/∂c_t‖ for LSTM (nil for other cells), through the same window.
  public let lastLossCellGradNorms: [[Double]]?
  /// The step whose loss is L_last, if any step has a target.
  public let lastLossStep: Int?
  /// How the pass went back: full, or truncated (k1, k2).
  public let mode: BPTTMode
  /// The sweeps, in the order they ran (one over every step under full BPTT).
  public let windows: [BPTTMode.Window]
  /// The window whose losses include L_last's (nil without a target).
  public let lastLossWindow: BPTTMode.Window?
}
