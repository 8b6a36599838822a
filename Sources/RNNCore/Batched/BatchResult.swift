/// What `BatchBPTT.run` measured over a batch.
public struct BatchResult: Sendable {
  /// Σ L_t over every sequence and step with a target, and how many targets there were.
  public var lossSum = 0.0
  public var targetCount = 0
  /// o_t of every step, time-major (row t·B + b, `outputSize` values each); empty unless asked for.
  public var outputs: [Double] = []
  /// Σ over the batch of ‖∂L/∂h_t‖ of the top layer, t = 0…T−1 (empty without a backward pass).
  public var topGradNormSums: [Double] = []
}
