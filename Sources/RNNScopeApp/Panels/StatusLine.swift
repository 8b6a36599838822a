import RNNViews

/// The bottom row: the `:` command line while it is open, else the last message, else the keys.
struct StatusLine: ScopePanel {
  /// The open command line: its text, the cursor in it and the completion candidates.
  struct Command: Sendable {
    var text: String
    var cursor: Int
    var candidates: [String]
  }

  /// The command line, nil while it is closed.
  var command: Command?
  /// The last message (an error when it begins "error").
  var message: String?

  /// The keys shown when there is nothing else to say.
  static let hints =
    "Space step  ←→ cursor  b backprop  g measure  s activation  t train  Tab focus  z zoom  "
    + ": command  ? help  q quit"

  /// Draws the row, the command line's cursor shown inverted.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    if let command {
      let text = ":" + command.text
      let start = max(0, text.count - (r.width - 2))
      let shown = String(text.dropFirst(start))
      g.text(r.x, r.y, shown, fg: theme.text)
      let cx = r.x + 1 + command.cursor - start
      let under = g[cx, r.y].char
      g.put(
        cx, r.y, under, fg: theme.color ? .rgb(RGB(0, 0, 0)) : .standard,
        bg: theme.color ? theme.accent : .standard, bold: true)
      if !command.candidates.isEmpty {
        let c = command.candidates.joined(separator: " ")
        if shown.count + c.count + 4 < r.width {
          g.text(r.maxX - c.count - 1, r.y, c, fg: theme.dim)
        }
      }
    } else if let m = message {
      g.text(
        r.x + 1, r.y, m, fg: m.hasPrefix("error") ? theme.error : theme.accent,
        maxWidth: r.width - 1)
    } else {
      g.text(r.x + 1, r.y, StatusLine.hints, fg: theme.dim, maxWidth: r.width - 1)
    }
  }
}
