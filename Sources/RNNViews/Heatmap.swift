/// Hidden-state heatmap: one column per timestep, units down the rows, two units per text row with
/// half blocks (upper unit = foreground of ▀, lower unit = background), coloured by the diverging
/// map (by the sequential one for gates, `sequential`) of the theme's palette.
public struct Heatmap: Sendable {
  /// columns[t][unit]
  public var columns: [[Double]]
  public var units: Int
  /// The value that maps to full blue / full red; for the sequential map, the value at its top.
  public var limit: Double = 1
  /// The value at the sequential map's bottom (0 for gates; more when the range follows the data).
  public var lower: Double = 0
  /// Cells per timestep column (1 or 2).
  public var columnWidth: Int = 1
  /// Index of the first column shown (scroll offset).
  public var firstColumn: Int = 0
  /// Values in [0, 1] (gates) through the sequential map instead of the diverging one.
  public var sequential = false

  public init(columns: [[Double]], units: Int) {
    self.columns = columns
    self.units = units
  }

  /// The colour of `v`: the theme's diverging map over ±limit, or its sequential map over
  /// lower…limit; NaN and ±Inf in colours of their own.
  func colorOf(_ v: Double, _ theme: Theme = .standard) -> RGB {
    if !v.isFinite {
      return v.isNaN ? RGB(255, 0, 255) : (v > 0 ? RGB(255, 255, 255) : RGB(0, 0, 0))
    }
    return sequential
      ? theme.sequential((v - lower) / max(limit - lower, .leastNormalMagnitude))
      : theme.diverging(v, limit: limit)
  }

  /// Text rows the map needs: ⌈units / 2⌉ with colour, `units` in monochrome.
  public func rowsNeeded(theme: Theme) -> Int { theme.color ? (units + 1) / 2 : units }

  /// Draws the map into `r` (the cell area only; no labels).
  public func draw(into g: inout CellGrid, _ r: Rect, theme: Theme) {
    let visible = r.width / max(1, columnWidth)
    for i in 0..<visible {
      let t = firstColumn + i
      guard t >= 0 && t < columns.count else { continue }
      let col = columns[t]
      for row in 0..<min(r.height, rowsNeeded(theme: theme)) {
        let cell: Cell
        if theme.color {
          let top = 2 * row
          let bottom = 2 * row + 1
          guard top < units else { continue }
          let fg = TermColor.rgb(colorOf(col[top], theme))
          let bg: TermColor =
            bottom < units ? .rgb(colorOf(col[bottom], theme)) : .standard
          cell = Cell(theme.glyphs.unicode ? "▀" : "#", fg: fg, bg: bg)
        } else {
          // Monochrome: one unit per row, shade by |v| (by v over lower…limit for the sequential
          // map), sign by '-' for strongly negative.
          guard row < units else { continue }
          let v =
            sequential
            ? (col[row] - lower) / max(limit - lower, .leastNormalMagnitude) : col[row] / limit
          cell = Cell(v < -0.05 && abs(v) < 0.5 ? "-" : Colormap.monoShade(abs(v)))
        }
        for k in 0..<columnWidth { g[r.x + i * columnWidth + k, r.y + row] = cell }
      }
    }
  }
}
