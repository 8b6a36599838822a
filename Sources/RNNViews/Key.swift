/// A key press, as the terminal layer reports it, free of ncurses codes.
public enum Key: Equatable, Sendable {
  case char(Character)
  case left, right, up, down, home, end, pageUp, pageDown
  case enter, escape, backspace, tab
  case ctrlC
  case resize
  /// A mouse click at a cell (x, y).
  case mouse(x: Int, y: Int)
  case unknown
}
