import RNNViews

/// How timesteps map to columns in the panels that share the time axis (sequence strip, heatmap,
/// gradient): a gutter for labels, then `width` cells per step from step `first` on.
public struct TimeColumns: Sendable, Equatable {
  /// Cells left of the first column, for row labels.
  public static let gutter = 6
  /// Cells per timestep (1, 2 or up to 4).
  public var width = 1
  /// The first timestep in view (the scroll position).
  public var first = 0

  /// The columns before the first frame: step 0 on, one cell each.
  public init(width: Int = 1, first: Int = 0) {
    self.width = width
    self.first = first
  }

  /// The x of step `t`'s column inside a panel's inner rectangle.
  func x(_ inner: Rect, _ t: Int) -> Int {
    inner.x + TimeColumns.gutter + (t - first) * width
  }

  /// The time row: ▲ under the cursor column with "t=N" beside it.
  func drawCursorRow(
    into g: inout CellGrid, _ inner: Rect, y: Int, cursor: Int, stepsTaken: Int, theme: Theme
  ) {
    g.text(inner.x, y, "t", fg: theme.dim)
    guard stepsTaken > 0 else { return }
    let cx = x(inner, cursor)
    g.put(cx, y, theme.glyphs.unicode ? "▲" : "^", fg: theme.accent, bold: true)
    let tag = "t=\(cursor + 1)"
    g.text(cx + 2 + tag.count <= inner.maxX ? cx + 2 : cx - 1 - tag.count, y, tag, fg: theme.accent)
  }
}

extension Theme {
  /// A token label made visible: "␣" for a space, "↵" for a newline, "⇥" for a tab (ASCII "_",
  /// "/" and ">" without Unicode).
  func visibleLabel(_ text: String) -> String {
    switch text {
    case " ": return glyphs.unicode ? "␣" : "_"
    case "\n": return glyphs.unicode ? "↵" : "/"
    case "\t": return glyphs.unicode ? "⇥" : ">"
    default: return text
    }
  }
}
