/// A pinned training run in a saved session: its label, and per point kept the training step, the
/// loss and ‖∇θ‖ (null where not finite, which JSON cannot hold).
public struct SessionLossPin: Codable, Sendable, Equatable {
  public var label: String
  public var steps: [Int]
  public var loss: [Double?]
  public var gradNorm: [Double?]

  package init(label: String, steps: [Int], loss: [Double?], gradNorm: [Double?]) {
    self.label = label
    self.steps = steps
    self.loss = loss
    self.gradNorm = gradNorm
  }
}
