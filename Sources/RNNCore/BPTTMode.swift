/// Full backpropagation through time, or truncated: every k1 steps, backpropagate k2 steps.
public enum BPTTMode: Sendable, Equatable {
  case full
  case truncated(k1: Int, k2: Int)

  /// One backward sweep: the losses it carries back and the steps it goes back through.
  public struct Window: Sendable, Equatable {
    /// The steps whose losses the sweep backpropagates.
    public let losses: ClosedRange<Int>
    /// The steps it goes through, from `losses.upperBound` down: the gradient reaching step
    /// `steps.lowerBound − 1` is dropped.
    public let steps: ClosedRange<Int>
  }

  /// The sweeps over `T` steps: under full BPTT one over every step; truncated, chunks ending at
  /// steps k1−1, 2k1−1, …, and T−1, each backpropagating its own losses (those after the previous
  /// end) through the k2 steps ending at it.
  public func windows(steps T: Int) -> [Window] {
    guard T > 0 else { return [] }
    switch self {
    case .full: return [Window(losses: 0...(T - 1), steps: 0...(T - 1))]
    case .truncated(let k1, let k2):
      precondition(k1 >= 1 && k2 >= k1, "truncated BPTT needs 1 ≤ k1 ≤ k2")
      var out: [Window] = []
      var previousEnd = -1
      while previousEnd < T - 1 {
        let end = min(previousEnd + k1, T - 1)
        out.append(Window(losses: (previousEnd + 1)...end, steps: max(0, end - k2 + 1)...end))
        previousEnd = end
      }
      return out
    }
  }
}
