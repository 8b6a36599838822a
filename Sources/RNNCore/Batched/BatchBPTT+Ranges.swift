extension BatchBPTT {
  /// How `run` cuts a sequence's steps into ranges for products beside the recurrence: the sizes of
  /// the ranges, in step order, of the input projections, of the head (and ∂L/∂o, ∂L/∂h_top), and
  /// of the weight gradients and ∂L/∂x (each list adds up to the steps).
  struct Ranges: Equatable {
    var forward: [Int]
    var head: [Int]
    var backward: [Int]

    /// Every kind of product over ranges of `size` steps (the last one shorter).
    static func uniform(steps T: Int, size: Int) -> Ranges {
      let sizes = stride(from: 0, to: T, by: size).map { min(size, T - $0) }
      return Ranges(forward: sizes, head: sizes, backward: sizes)
    }
  }

  /// The ranges for a batch of `steps` steps, or nil to run it as one range on one thread: ranges
  /// only where a step's own product is a single-threaded GEMV or small GEMM (B·G·H < 4 M) and the
  /// products over steps are worth a second thread (≥ 2 M multiply-adds). Larger products run
  /// faster (up to about 16–32 rows), but the recurrence waits at the start for the first
  /// projection, before its first step back for the last step's head, and at the end for the last
  /// weight gradients: so the projections' ranges grow from 2 steps (the first two ranges are the
  /// recurrence's own) as Fibonacci numbers (the second thread projects a step about 1.6 to 2 times
  /// faster than the recurrence takes one), the head's shrink to 4 at the last step, and the weight
  /// gradients' are 4 steps at both ends, up to 16 between (measured here: shorter ones at step 0,
  /// where the backward pass ends, cost more than they save).
  static func ranges(_ c: ModelConfig, steps T: Int, batch B: Int) -> Ranges? {
    guard stepProductIsSmall(c, batch: B), T >= 16, productsWantASecondThread(c, steps: T, batch: B)
    else { return nil }
    // Sizes from `first` at step 0 and from `last` at step T (0: none from that end), each doubling
    // up to `cap`, until they meet.
    func ranges(first: Int, last: Int, cap: Int) -> [Int] {
      var front: [Int] = []
      var back: [Int] = []
      var left = T
      var a = first
      var b = last
      while left > 0 {
        if a > 0 {
          let n = min(a, left)
          front.append(n)
          left -= n
          a = min(2 * a, cap)
        }
        if b > 0 && left > 0 {
          let n = min(b, left)
          back.append(n)
          left -= n
          b = min(2 * b, cap)
        }
      }
      return front + back.reversed()
    }
    var forward: [Int] = []
    var left = T
    var (a, b) = (2, 3)
    while left > 0 {
      let n = min(a, left)
      forward.append(n)
      left -= n
      (a, b) = (b, min(a + b, 32))
    }
    return Ranges(
      forward: forward, head: ranges(first: 0, last: 4, cap: 32),
      backward: ranges(first: 4, last: 4, cap: 16))
  }

  /// Whether a step's recurrence product (B × H by H × G) is small enough for one thread
  /// (B·G·H < 4 M multiply-adds): where BLAS's two threads would only add hand-offs.
  static func stepProductIsSmall(_ c: ModelConfig, batch B: Int) -> Bool {
    B * c.gateRows * c.hiddenSize < 1 << 22
  }

  /// Whether the products over a sequence's steps (projections, weight gradients) are worth a
  /// second thread: ≥ 2 M multiply-adds.
  static func productsWantASecondThread(_ c: ModelConfig, steps T: Int, batch B: Int) -> Bool {
    T * B * c.gateRows * (c.inputSize + c.hiddenSize) >= 1 << 21
  }

  /// Consecutive ranges of steps, from their sizes.
  struct StepRanges {
    let bounds: [Int]  // range r: bounds[r] ..< bounds[r + 1]
    let of: [Int]  // the range of step t
    init(_ sizes: [Int]) {
      var b = [0]
      var o: [Int] = []
      for (r, n) in sizes.enumerated() {
        b.append(b[r] + n)
        o += [Int](repeating: r, count: n)
      }
      bounds = b
      of = o
    }
    var count: Int { bounds.count - 1 }
    subscript(r: Int) -> (Int, Int) { (bounds[r], bounds[r + 1]) }
    func starts(_ t: Int) -> Bool { bounds[of[t]] == t }
    func ends(_ t: Int) -> Bool { bounds[of[t] + 1] == t + 1 }
  }
}
