import Foundation

/// Which units track something: Pearson's r between a unit's values over time and a predicate's.
public enum UnitCorrelation {
  /// r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² · Σ(y−ȳ)²) over the steps of `x` and `y` (equal lengths, at
  /// least 2); nil where either is constant, since r is then undefined.
  public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    precondition(x.count == y.count, "one value per step in each")
    guard x.count >= 2 else { return nil }
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for (a, b) in zip(x, y) {
      sxy += (a - mx) * (b - my)
      sxx += (a - mx) * (a - mx)
      syy += (b - my) * (b - my)
    }
    guard sxx > 0, syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
  }

  /// Each series' r against `target`, strongest |r| first (ties in the series' order); series
  /// whose r is undefined are left out.
  public static func ranked(_ series: [(label: String, values: [Double])], against target: [Double])
    -> [(label: String, r: Double)]
  {
    let scored = series.enumerated().compactMap { i, s in
      pearson(s.values, target).map { (i, s.label, $0) }
    }
    return scored.sorted { (abs($0.2), -$0.0) > (abs($1.2), -$1.0) }.map { ($0.1, $0.2) }
  }
}
