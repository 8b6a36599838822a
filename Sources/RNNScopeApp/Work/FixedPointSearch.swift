import RNNCore

/// A fixed-point search run a start at a time (long work in slices): the finder, its starts and
/// the descents so far.
public struct FixedPointSearch: Sendable {
  let finder: FixedPointFinder
  let starts: [[Double]]
  let options: FixedPointFinder.Options
  /// x* as the report names it.
  let input: String
  var descents: [FixedPointFinder.Descent] = []

  var done: Bool { descents.count >= starts.count }

  /// Runs the next start's descent.
  mutating func next() {
    guard !done else { return }
    let i = descents.count
    descents.append(finder.descent(from: starts[i], start: i, options: options))
  }

  /// The points of the descents so far, with their unstable directions.
  func found() -> FoundFixedPoints {
    let report = finder.report(descents: descents, options: options)
    return FoundFixedPoints(
      report: report, input: input, tolerance: options.tolerance, model: finder.model,
      directions: report.points.map {
        finder.unstableDirections(at: $0.state, tolerance: options.marginalTolerance)
      })
  }
}
