import RNNViews

/// The top row: what is being looked at, whether training runs, and the panels left out.
struct TitleBar: ScopePanel {
  /// The model, the task and the step (`ScopeState.title`).
  var title: String
  /// The training step while training runs, else nil.
  var trainingStep: Int?
  /// Panels the layout left out for want of room (Tab brings one on), or that a zoom hides.
  var hidden: [PanelID] = []
  var zoomed = false

  /// Draws the row: the title on the left; on the right the keys, the training step and what is
  /// left out, as much of it as fits.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let bg: TermColor = theme.color ? theme.titleBar : .standard
    g.fill(r, Cell(" ", bg: bg))
    let left = " rnnscope — " + title
    g.text(r.x, r.y, left, fg: theme.title, bg: bg, bold: true, maxWidth: r.width)
    var right = "? help  q quit "
    if let step = trainingStep { right = "● training step \(step)   " + right }
    let names = hidden.map(\.rawValue).joined(separator: ", ")
    let notes =
      zoomed
      ? ["zoomed: z shows every panel   ", "z: all panels   "]
      : hidden.isEmpty
        ? [""] : ["left out: \(names) (Tab)   ", "+\(hidden.count) panels (Tab)   "]
    // What is left out comes before the reminder of q (the help lists it).
    if !notes[0].isEmpty, !notes.contains(where: { left.count + $0.count + right.count < r.width })
    {
      right = trainingStep.map { "● training step \($0)   ? help " } ?? "? help "
    }
    guard let note = notes.first(where: { left.count + $0.count + right.count < r.width }) else {
      if left.count + right.count < r.width {
        g.text(r.maxX - right.count, r.y, right, fg: theme.dim, bg: bg)
      }
      return
    }
    g.text(r.maxX - right.count - note.count, r.y, note, fg: theme.accent, bg: bg)
    g.text(
      r.maxX - right.count, r.y, right, fg: trainingStep != nil ? theme.good : theme.dim, bg: bg)
  }
}
