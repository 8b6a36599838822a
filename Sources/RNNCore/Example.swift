/// One training or test sequence.
public struct Example: Sendable, Equatable {
  public var inputs: [StepInput]
  public var targets: [Target?]
  public init(inputs: [StepInput], targets: [Target?]) {
    self.inputs = inputs
    self.targets = targets
  }
}
