import RNNViews

/// The sequence strip: input, target and prediction of each step in view, and how many are right.
struct SequenceStrip: ScopePanel {
  /// What one step shows, its labels raw (the theme makes spaces and newlines visible).
  struct Column: Sendable {
    var input: String
    var target: String?
    /// The predicted token's label (cross-entropy tasks on steps taken).
    var predicted: String?
    /// Whether the step's prediction is right (nil without a target).
    var correct: Bool?
    /// A padded step (mask 0): no input read, no loss; shown greyed, with no prediction.
    var masked = false
    /// The traced unit's value here in [−1, 1], colouring the input (nil: not traced).
    var tint: Double? = nil
    /// The sign of a pulse read here (the flip-flop's), colouring its label red (+) or blue (−):
    /// in one cell only the channel shows.
    var sign: Double? = nil
  }

  var columns: TimeColumns
  /// The steps in view from `columns.first` on, up to the sequence's end.
  var steps: [Column]
  var cursor: Int
  var stepsTaken: Int
  /// Right predictions and judged steps among those on the tape.
  var right: Int
  var judged: Int
  var focused: Bool
  /// The unit colouring the inputs, named in the title (nil: none).
  var tracedUnit: String? = nil

  /// How many steps a strip in `r` shows.
  static func capacity(_ r: Rect, _ columns: TimeColumns) -> Int {
    max(0, (r.inset(1).width - TimeColumns.gutter) / columns.width)
  }

  /// Draws the frame and the rows x_t, y_t and ŷ_t, the cursor's input highlighted.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let title =
      "sequence" + (judged == 0 ? "" : " · \(right)/\(judged) right")
      + (tracedUnit.map { " · x_t coloured by \($0)" } ?? "")
    g.frame(r, title: title, style: theme, focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 3 else { return }
    g.text(inner.x, inner.y, "x_t", fg: theme.dim)
    g.text(inner.x, inner.y + 1, "y_t", fg: theme.dim)
    g.text(inner.x, inner.y + 2, "ŷ_t", fg: theme.dim)
    let w = columns.width
    for (i, step) in steps.prefix(SequenceStrip.capacity(r, columns)).enumerated() {
      let t = columns.first + i
      let x = inner.x + TimeColumns.gutter + i * w
      let taken = t < stepsTaken
      let isCursor = t == cursor && taken
      var fg: TermColor =
        isCursor
        ? (theme.color ? .rgb(RGB(0, 0, 0)) : .standard)
        : (taken && !step.masked ? theme.text : theme.dim)
      if let sign = step.sign, !isCursor, step.tint == nil, theme.color {
        fg = .rgb(theme.diverging(sign > 0 ? 0.9 : -0.9))
      }
      var bg: TermColor = isCursor && theme.color ? theme.accent : .standard
      if let v = step.tint, taken, !isCursor, theme.color {
        bg = .rgb(theme.diverging(v))
      }
      g.text(
        x, inner.y, String(theme.visibleLabel(step.input).prefix(w)), fg: fg, bg: bg,
        bold: isCursor)
      if let y = step.target {
        g.text(
          x, inner.y + 1, String(theme.visibleLabel(y).prefix(w)),
          fg: taken ? theme.text : theme.dim)
      }
      guard taken else { continue }
      if step.masked {
        g.text(x, inner.y + 2, theme.glyphs.unicode ? "░" : ".", fg: theme.dim)
        continue
      }
      let ok = step.correct
      if let p = step.predicted {
        g.text(
          x, inner.y + 2, String(theme.visibleLabel(p).prefix(w)),
          fg: ok == false ? theme.error : ok == true ? theme.good : theme.dim, bold: ok == false)
      } else if let ok {
        g.text(
          x, inner.y + 2,
          ok ? (theme.glyphs.unicode ? "✓" : "+") : (theme.glyphs.unicode ? "✗" : "x"),
          fg: ok ? theme.good : theme.error)
      }
    }
  }
}
