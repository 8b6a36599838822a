/// Training stopped because a number stopped being finite; the weights are those of the last finite
/// step.
public struct TrainingFault: Error, CustomStringConvertible, Sendable {
  public let step: Int
  public let quantity: String
  public let value: Double
  public var description: String {
    "step \(step): \(quantity) became \(value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf")); "
      + "weights restored to step \(step - 1)"
  }
}
