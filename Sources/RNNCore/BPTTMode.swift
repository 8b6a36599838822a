/// Full backpropagation through time, or truncated: every k1 steps, backpropagate k2 steps.
public enum BPTTMode: Sendable, Equatable {
  case full
  case truncated(k1: Int, k2: Int)
}
