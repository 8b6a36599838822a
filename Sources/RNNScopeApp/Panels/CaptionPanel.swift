import RNNViews

/// The narration of a session, word-wrapped, with where the presentation stands.
struct CaptionPanel: ScopePanel {
  /// The text shown (empty for none), its live values already in it.
  var narration: String
  /// A line above it, in the accent colour, the narration then dimmed: `changedNote(finished:)`,
  /// when the user has changed the model since the pause and the narration is the pause's as it
  /// was.
  var note: String? = nil
  /// The presentation's progress, nil when no presentation plays.
  var progress: PresentationProgress?

  /// `text` wrapped at word boundaries into lines of at most `width` − 1 cells (a word longer
  /// than that is split).
  static func lines(_ text: String, width: Int) -> [String] {
    let w = max(1, width - 1)
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      var word = Substring(word)
      while word.count > w {
        if !line.isEmpty { lines.append(line) }
        lines.append(String(word.prefix(w)))
        line = ""
        word = word.dropFirst(w)
      }
      if !line.isEmpty && line.count + word.count + 1 > w {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// The note over a pause's caption once the user has changed the model or the steps (at the
  /// end, where Space goes nowhere, over the last caption).
  static func changedNote(finished: Bool) -> String {
    finished
      ? "Changed since the end: the caption keeps the numbers it had. PageUp goes back to the last"
        + " pause."
      : "Changed since this pause: the caption keeps the pause's numbers. Space restores its"
        + " screen and goes on."
  }

  /// The note's lines, then the narration's, as `draw` lays them out `width` cells wide; whether
  /// each is the note's.
  static func lines(note: String?, narration: String, width: Int) -> [(text: String, note: Bool)] {
    (note.map { lines($0, width: width) } ?? []).map { ($0, true) }
      + lines(narration, width: width).map { ($0, false) }
  }

  /// Draws the frame and the narration, wrapped to `r`'s width; what does not fit ends in "…".
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    var title = "narration"
    if let p = progress {
      let of = "\(max(1, p.pausesPassed))/\(p.pauses + 1)"
      title =
        p.finished
        ? "\(p.session) · end of the session"
          + (p.nextSession.map { " · N: next, \($0)" } ?? " · the last session")
        : "\(p.session) · \(of) · Space ▶ continues · PageUp ◀ back"
    }
    g.frame(r, title: title, style: theme, focused: true)
    let inner = r.inset(1)
    let lines = CaptionPanel.lines(note: note, narration: narration, width: inner.width)
    for (i, l) in lines.prefix(inner.height).enumerated() {
      let cut = i == inner.height - 1 && lines.count > inner.height
      g.text(
        inner.x + 1, inner.y + i, cut ? String(l.text.prefix(inner.width - 3)) + "…" : l.text,
        fg: l.note ? theme.accent : (note == nil ? theme.title : theme.dim),
        maxWidth: inner.width - 1)
    }
  }
}
