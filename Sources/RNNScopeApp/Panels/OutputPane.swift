import RNNViews

/// What `show`, `sample` and `help` printed, across the screen above the caption, scrolled with
/// `[` and `]`: long lines wrap.
struct OutputPane: ScopePanel {
  var output: OutputText

  /// The text's lines wrapped to `width` cells at spaces, so that no number is cut (a word longer
  /// than the width is split); a line's leading spaces stay.
  static func wrapped(_ lines: [String], width: Int) -> [String] {
    lines.flatMap { line -> [String] in
      guard line.count > width else { return [line] }
      let indent = String(line.prefix { $0 == " " })
      let body = CaptionPanel.lines(
        String(line.dropFirst(indent.count)), width: width + 1 - indent.count)
      return body.map { indent + $0 }
    }
  }

  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let inner = r.inset(1)
    let lines = OutputPane.wrapped(output.lines, width: inner.width - 1)
    let top = max(0, min(output.scroll, lines.count - inner.height))
    var title = "output · \(output.title)"
    if lines.count > inner.height {
      title +=
        " · lines \(top + 1)–\(min(lines.count, top + inner.height)) of \(lines.count) · [ ] scroll"
    }
    g.frame(r, title: title + " · o closes", style: theme, focused: false)
    for (i, l) in lines.dropFirst(top).prefix(inner.height).enumerated() {
      g.text(inner.x + 1, inner.y + i, l, fg: theme.text, maxWidth: inner.width - 1)
    }
  }
}
