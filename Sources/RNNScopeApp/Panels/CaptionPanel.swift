import RNNViews

/// The narration of a session, word-wrapped, with where the presentation stands.
struct CaptionPanel: ScopePanel {
  /// The text shown (empty for none).
  var narration: String
  /// The presentation's progress, nil when no presentation plays.
  var progress: PresentationProgress?

  /// Draws the frame and the narration, wrapped at word boundaries to `r`'s width.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    var title = "narration"
    if let p = progress {
      title =
        p.finished
        ? "narration · end of the session"
        : "narration · Space ▶ continues (\(max(1, p.pausesPassed))/\(p.pauses + 1))"
    }
    g.frame(r, title: title, style: theme, focused: true)
    let inner = r.inset(1)
    var lines: [String] = []
    var line = ""
    for word in narration.split(separator: " ") {
      if line.count + word.count + 1 > inner.width - 1 {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    for (i, l) in lines.prefix(inner.height).enumerated() {
      g.text(inner.x + 1, inner.y + i, l, fg: theme.title, maxWidth: inner.width - 1)
    }
  }
}
