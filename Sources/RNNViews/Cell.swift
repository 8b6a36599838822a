/// One character cell of the screen.
public struct Cell: Hashable, Sendable {
  public var char: Unicode.Scalar
  public var fg: TermColor
  public var bg: TermColor
  public var bold: Bool

  public init(
    _ char: Unicode.Scalar = " ", fg: TermColor = .standard, bg: TermColor = .standard,
    bold: Bool = false
  ) {
    self.char = char
    self.fg = fg
    self.bg = bg
    self.bold = bold
  }
}
