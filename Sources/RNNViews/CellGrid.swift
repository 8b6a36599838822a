/// The in-memory screen every view draws into; the terminal layer only copies it out.
/// Writes outside the grid are clipped, so a view never traps on a small size.
public struct CellGrid: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int, fill: Cell = Cell()) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = [Cell](repeating: fill, count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { contains(x, y) ? cells[y * width + x] : Cell() }
    set { if contains(x, y) { cells[y * width + x] = newValue } }
  }

  public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

  /// A control character (C0, DEL, C1: bytes a file may carry) is drawn as "�", never sent as
  /// itself.
  public mutating func put(
    _ x: Int, _ y: Int, _ ch: Unicode.Scalar, fg: TermColor = .standard,
    bg: TermColor = .standard, bold: Bool = false
  ) {
    let control = ch.value < 0x20 || (0x7f...0x9f).contains(ch.value)
    self[x, y] = Cell(control ? "\u{FFFD}" : ch, fg: fg, bg: bg, bold: bold)
  }

  /// Writes `s` from (x, y), one scalar per cell, at most `maxWidth` cells; returns the cells
  /// written.
  @discardableResult
  public mutating func text(
    _ x: Int, _ y: Int, _ s: String, fg: TermColor = .standard, bg: TermColor = .standard,
    bold: Bool = false, maxWidth: Int = .max
  ) -> Int {
    var cx = x
    var n = 0
    for ch in s.unicodeScalars {
      if n >= maxWidth { break }
      put(cx, y, ch, fg: fg, bg: bg, bold: bold)
      cx += 1
      n += 1
    }
    return n
  }

  public mutating func fill(_ r: Rect, _ cell: Cell = Cell()) {
    for y in r.y..<r.maxY { for x in r.x..<r.maxX { self[x, y] = cell } }
  }

  /// A box-drawn frame around `r` with an optional title in its top edge.
  public mutating func frame(_ r: Rect, title: String = "", style: Theme, focused: Bool = false) {
    guard r.width >= 2, r.height >= 2 else { return }
    let c = focused ? style.frameFocused : style.frame
    let g = style.glyphs
    for x in (r.x + 1)..<(r.maxX - 1) {
      put(x, r.y, g.horizontal, fg: c)
      put(x, r.maxY - 1, g.horizontal, fg: c)
    }
    for y in (r.y + 1)..<(r.maxY - 1) {
      put(r.x, y, g.vertical, fg: c)
      put(r.maxX - 1, y, g.vertical, fg: c)
    }
    put(r.x, r.y, g.topLeft, fg: c)
    put(r.maxX - 1, r.y, g.topRight, fg: c)
    put(r.x, r.maxY - 1, g.bottomLeft, fg: c)
    put(r.maxX - 1, r.maxY - 1, g.bottomRight, fg: c)
    if !title.isEmpty && r.width > 4 {
      text(r.x + 2, r.y, " \(title) ", fg: style.title, bold: true, maxWidth: r.width - 4)
    }
  }

  /// Row `y` as plain text (for tests and for a text dump of the screen).
  public func rowText(_ y: Int) -> String {
    guard y >= 0 && y < height else { return "" }
    var s = String.UnicodeScalarView()
    for x in 0..<width { s.append(cells[y * width + x].char) }
    return String(s)
  }

  /// The whole grid as lines of text.
  public var text: String { (0..<height).map(rowText).joined(separator: "\n") }
}
