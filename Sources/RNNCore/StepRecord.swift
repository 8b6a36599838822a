/// What one forward timestep computed, through every layer and the head.
public struct StepRecord: Sendable, Equatable {
  public let input: StepInput
  public let target: Target?
  /// False for a padded step (mask 0): the state carries over unchanged and no loss is added.
  public let active: Bool
  /// Each layer's computation (empty for a padded step).
  public let layers: [LayerStep]
  /// h_t and c_t of every layer after this step (carried unchanged through padded steps).
  public let hidden: [[Double]]
  public let cell: [[Double]]
  /// o_t = W_fc h_t^top + b_fc.
  public let outputs: [Double]
  /// softmax(o_t) for the cross-entropy loss, else empty.
  public let probabilities: [Double]
  /// L_t when the step is active and has a target.
  public let loss: Double?
}
