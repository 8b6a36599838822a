import RNNViews

@testable import RNNScopeApp

/// A state drawn on a screen of a given size, and where a panel's steps fall on it.
struct ScopeGrid {
  let frame: ScopeFrame
  let grid: CellGrid
  let theme: Theme

  init(_ s: ScopeState, width: Int = 120, height: Int = 40, theme: Theme = Theme()) {
    frame = ScopeFrame(s, width: width, height: height)
    grid = ScopeScreen.render(frame, theme: theme)
    self.theme = theme
  }

  func rect(_ id: PanelID) -> Rect? { frame.layout?.panels[id] }

  /// The x of step `t`'s column (absolute, from 0) in a time-axis panel at `r`.
  func x(_ r: Rect, _ t: Int) -> Int {
    r.x + 1 + TimeColumns.gutter + (t - frame.firstColumn) * frame.columnWidth
  }

  /// The steps in view in a time-axis panel at `r`.
  func steps(_ r: Rect, taken: Int) -> Range<Int> {
    let capacity = (r.width - 2 - TimeColumns.gutter) / frame.columnWidth
    return frame.firstColumn..<min(taken, frame.firstColumn + capacity)
  }

  /// Row `y` from x0 to x1 (exclusive) as text.
  func text(_ y: Int, _ x0: Int, _ x1: Int) -> String {
    var s = ""
    for x in x0..<x1 { s.unicodeScalars.append(grid[x, y].char) }
    return s
  }
}
