import RNNViews

/// A part of the screen: plain data taken from the state when the frame is made, drawn into a
/// rectangle. Drawing reads only the panel, the rectangle and the theme.
protocol ScopePanel: Sendable {
  /// Draws the panel into `rect` of `grid`.
  func draw(into grid: inout CellGrid, in rect: Rect, theme: Theme)
}
