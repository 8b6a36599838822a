/// What `show`, `sample` and `help` printed last, for the output pane: the command, its text and
/// how far the pane is scrolled.
public struct OutputText: Sendable, Equatable {
  /// The command that printed it (`show h`, `sample`, `help`).
  public let title: String
  public let lines: [String]
  /// The first line in view.
  public internal(set) var scroll = 0

  public init(title: String, text: String) {
    self.title = title
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// Scrolled by `rows` (negative: up), kept within the text.
  mutating func scroll(by rows: Int) {
    scroll = max(0, min(lines.count - 1, scroll + rows))
  }
}
