import RNNViews

/// The top row: what is being looked at, and whether training runs.
struct TitleBar: ScopePanel {
  /// The model, the task and the step (`ScopeState.title`).
  var title: String
  /// The training step while training runs, else nil.
  var trainingStep: Int?

  /// Draws the row: the title on the left, the keys (and the training step) on the right.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let bg: TermColor = theme.color ? .rgb(RGB(38, 40, 58)) : .standard
    g.fill(r, Cell(" ", bg: bg))
    let left = " rnnscope — " + title
    g.text(r.x, r.y, left, fg: theme.title, bg: bg, bold: true, maxWidth: r.width)
    var right = "? help  q quit "
    if let step = trainingStep { right = "● training step \(step)   " + right }
    if left.count + right.count < r.width {
      g.text(
        r.maxX - right.count, r.y, right, fg: trainingStep != nil ? theme.good : theme.dim, bg: bg)
    }
  }
}
