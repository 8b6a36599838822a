/// What a step's target is: a class index (cross-entropy) or a vector (mean squared error).
public enum Target: Sendable, Equatable {
  case index(Int)
  case vector([Double])
}
