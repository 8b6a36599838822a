/// A colour bar from −limit to +limit with its end labels and an optional note after them:
/// "-1 ▇▇▇▇▇▇ +1", "-0.5 ▇▇▇▇ +0.5 (data)".
public struct DivergingLegend: Sendable {
  public var limit: Double
  /// Drawn after the +limit label, a space between ("(data)"); empty: nothing.
  public var note = ""
  public init(limit: Double = 1) { self.limit = limit }

  /// The cells the legend takes with a bar `bar` cells wide.
  public func width(bar: Int) -> Int {
    NumberFormat.compact(-limit).count + NumberFormat.compact(limit).count + 3 + bar
      + (note.isEmpty ? 0 : note.count + 1)
  }

  public func draw(into g: inout CellGrid, x: Int, y: Int, width: Int, theme: Theme) {
    let lo = NumberFormat.compact(-limit)
    let hi = "+" + NumberFormat.compact(limit)
    let tail = note.isEmpty ? "" : " " + note
    let barW = width - lo.count - hi.count - 2 - tail.count
    guard barW >= 3 else { return }
    g.text(x, y, lo, fg: theme.dim)
    for i in 0..<barW {
      let v = -limit + 2 * limit * Double(i) / Double(barW - 1)
      if theme.color {
        g.put(
          x + lo.count + 1 + i, y, theme.glyphs.unicode ? "█" : "#",
          fg: .rgb(theme.diverging(v, limit: limit)))
      } else {
        g.put(x + lo.count + 1 + i, y, Colormap.monoShade(abs(v) / limit))
      }
    }
    g.text(x + lo.count + 2 + barW, y, hi + tail, fg: theme.dim)
  }
}
