/// Colours and glyphs shared by every view.
public struct Theme: Sendable {
  public var glyphs: Glyphs
  /// False when colour is off (NO_COLOR, or a monochrome terminal): views then encode values in
  /// characters.
  public var color: Bool
  public var frame = TermColor.rgb(RGB(110, 110, 120))
  public var frameFocused = TermColor.rgb(RGB(200, 200, 90))
  public var title = TermColor.rgb(RGB(230, 230, 240))
  public var text = TermColor.standard
  public var dim = TermColor.rgb(RGB(140, 140, 150))
  public var accent = TermColor.rgb(RGB(250, 200, 60))
  public var error = TermColor.rgb(RGB(240, 80, 80))
  public var good = TermColor.rgb(RGB(90, 200, 120))
  public var tanhCurve = TermColor.rgb(RGB(90, 170, 250))
  public var sigmoidCurve = TermColor.rgb(RGB(240, 130, 60))
  public var marker = TermColor.rgb(RGB(250, 240, 80))
  public var reluCurve = TermColor.rgb(RGB(120, 220, 140))
  public var vanishing = TermColor.rgb(RGB(90, 110, 200))
  public var exploding = TermColor.rgb(RGB(240, 60, 60))
  public var bound = TermColor.rgb(RGB(250, 160, 220))
  /// A pinned reference drawn under what is shown now.
  public var ghost = TermColor.rgb(RGB(92, 92, 104))
  public var panelBackground = TermColor.standard
  public var barBackground = TermColor.standard

  public init(glyphs: Glyphs = .unicode, color: Bool = true) {
    self.glyphs = glyphs
    self.color = color
    if !color {
      frame = .standard
      frameFocused = .standard
      title = .standard
      dim = .standard
      accent = .standard
      error = .standard
      good = .standard
      tanhCurve = .standard
      sigmoidCurve = .standard
      marker = .standard
      reluCurve = .standard
      vanishing = .standard
      exploding = .standard
      bound = .standard
      ghost = .standard
    }
  }

  public static let standard = Theme()
}
