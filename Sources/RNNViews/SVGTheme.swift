/// What a picture of the screen (`SVGWriter`) draws for the terminal's own colours (`.standard`):
/// a dark terminal's or a light one's. Every other colour is the exact RGB the views chose; on a
/// light background they draw with `drawing(_:)`'s theme, whose pale chrome colours (titles, the
/// focused frame, the accent) are darkened to be read on white, the colour maps unchanged.
public struct SVGTheme: Equatable, Sendable {
  public let name: String
  /// The default foreground (text in `.standard`).
  public let foreground: RGB
  /// The default background (cells in `.standard`), also the picture's own.
  public let background: RGB

  public init(name: String, foreground: RGB, background: RGB) {
    self.name = name
    self.foreground = foreground
    self.background = background
  }

  public static let dark = SVGTheme(
    name: "dark", foreground: RGB(229, 229, 229), background: RGB(18, 18, 22))
  public static let light = SVGTheme(
    name: "light", foreground: RGB(28, 28, 32), background: RGB(255, 255, 255))
  public static let all = [dark, light]

  /// The theme the views draw with for this picture: `base` on a dark background; on a light one,
  /// `base` with its colours meant for a dark terminal made darker (the data's maps stay).
  public func drawing(_ base: Theme) -> Theme {
    guard self == .light, base.color else { return base }
    var t = base
    t.title = .rgb(RGB(30, 30, 40))
    t.titleBar = .rgb(RGB(218, 220, 234))
    t.frameFocused = .rgb(RGB(150, 130, 0))
    t.accent = .rgb(RGB(180, 120, 0))
    t.marker = .rgb(RGB(190, 150, 0))
    t.bound = .rgb(RGB(200, 60, 150))
    t.good = .rgb(RGB(30, 140, 70))
    t.reluCurve = .rgb(RGB(40, 150, 70))
    t.dim = .rgb(RGB(110, 110, 120))
    return t
  }

  /// The theme called `name` (dark, light), if any.
  public static func named(_ name: String) -> SVGTheme? { all.first { $0.name == name } }

  /// The RGB a cell's foreground is drawn in.
  public func foreground(_ c: TermColor) -> RGB {
    if case .rgb(let v) = c { return v }
    return foreground
  }

  /// The RGB a cell's background is drawn in.
  public func background(_ c: TermColor) -> RGB {
    if case .rgb(let v) = c { return v }
    return background
  }
}
