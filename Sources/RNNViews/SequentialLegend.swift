/// A colour bar of the sequential map from `lower` to `upper` with its end labels and an optional
/// note after them: "0 ▇▇▇▇▇▇ 1", "0.45 ▇▇▇▇ 0.6 (data)".
public struct SequentialLegend: Sendable {
  public var lower: Double
  public var upper: Double
  /// Drawn after the upper label, a space between ("(data)"); empty: nothing.
  public var note = ""
  public init(lower: Double = 0, upper: Double = 1) {
    self.lower = lower
    self.upper = upper
  }

  /// The cells the legend takes with a bar `bar` cells wide.
  public func width(bar: Int) -> Int {
    NumberFormat.compact(lower).count + NumberFormat.compact(upper).count + 2 + bar
      + (note.isEmpty ? 0 : note.count + 1)
  }

  public func draw(into g: inout CellGrid, x: Int, y: Int, bar: Int, theme: Theme) {
    guard bar >= 2 else { return }
    let lo = NumberFormat.compact(lower)
    let hi = NumberFormat.compact(upper) + (note.isEmpty ? "" : " " + note)
    g.text(x, y, lo, fg: theme.dim)
    for i in 0..<bar {
      let f = Double(i) / Double(bar - 1)
      if theme.color {
        g.put(
          x + lo.count + 1 + i, y, theme.glyphs.unicode ? "█" : "#", fg: .rgb(theme.sequential(f)))
      } else {
        g.put(x + lo.count + 1 + i, y, Colormap.monoShade(f))
      }
    }
    g.text(x + lo.count + 2 + bar, y, hi, fg: theme.dim)
  }
}
