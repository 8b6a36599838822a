import RNNCore

/// Loss and gradient-norm curves of a training run, thinned to at most `capacity` points.
public struct TrainingHistory: Sendable {
  public private(set) var steps: [Int] = []
  public private(set) var loss: [Double] = []
  public private(set) var gradNorm: [Double] = []
  public private(set) var accuracy: [Double?] = []
  /// Whether clipping fired at each point kept.
  public private(set) var clipped: [Bool] = []
  /// Steps seen, and those where clipping fired, over the whole run (not thinned).
  public private(set) var seen = 0
  public private(set) var clippedSteps = 0
  public var capacity = 2000
  private var stride = 1

  public init() {}

  public mutating func append(_ s: StepStats) {
    seen += 1
    if s.clipped { clippedSteps += 1 }
    guard seen % stride == 0 else { return }
    steps.append(s.step)
    loss.append(s.loss)
    gradNorm.append(s.gradNorm)
    accuracy.append(s.accuracy)
    clipped.append(s.clipped)
    if steps.count >= capacity {
      // Keep every other point and halve the rate from now on.
      func half<T>(_ a: [T]) -> [T] { a.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) }
      steps = half(steps)
      loss = half(loss)
      gradNorm = half(gradNorm)
      accuracy = half(accuracy)
      clipped = half(clipped)
      stride *= 2
    }
  }

  public var isEmpty: Bool { steps.isEmpty }
}
