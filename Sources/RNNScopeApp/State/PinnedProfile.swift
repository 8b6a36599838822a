/// A gradient profile kept (`pin`) to be drawn in grey under the ones that follow.
public struct PinnedProfile: Sendable, Equatable {
  /// What it was: the user's words, or the cell, activation and training when pinned.
  public let label: String
  /// The measure it was taken under.
  public let measure: GradientMeasure
  /// The first step of `norms`: norms[i] is step first + i.
  public let first: Int
  /// The top layer's norms per step.
  public let norms: [Double]

  /// Its norms over the steps from `first` on, `count` of them: nil where it has none.
  func aligned(first f: Int, count: Int) -> [Double?] {
    (0..<count).map { i in
      let j = f + i - first
      return j >= 0 && j < norms.count ? norms[j] : nil
    }
  }
}
