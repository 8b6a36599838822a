/// A colour bar from −limit to +limit with its end labels: "-1 ▇▇▇▇▇▇ +1".
public struct DivergingLegend: Sendable {
  public var limit: Double
  public init(limit: Double = 1) { self.limit = limit }

  public func draw(into g: inout CellGrid, x: Int, y: Int, width: Int, theme: Theme) {
    let lo = NumberFormat.short(-limit, digits: 0)
    let hi = "+" + NumberFormat.short(limit, digits: 0)
    let barW = width - lo.count - hi.count - 2
    guard barW >= 3 else { return }
    g.text(x, y, lo, fg: theme.dim)
    for i in 0..<barW {
      let v = -limit + 2 * limit * Double(i) / Double(barW - 1)
      if theme.color {
        g.put(
          x + lo.count + 1 + i, y, theme.glyphs.unicode ? "█" : "#",
          fg: .rgb(Colormap.diverging(v, limit: limit)))
      } else {
        g.put(x + lo.count + 1 + i, y, Colormap.monoShade(abs(v) / limit))
      }
    }
    g.text(x + lo.count + 2 + barW, y, hi, fg: theme.dim)
  }
}
