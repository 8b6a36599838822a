/// Held-out scores.
public struct Evaluation: Sendable {
  public let loss: Double
  public let accuracy: Double?
  public let mse: Double?
}
