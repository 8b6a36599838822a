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
  /// A split view's two models (bars and marks): Okabe & Ito's sky blue and orange, told apart
  /// with every colour vision.
  public var firstModel = TermColor.rgb(RGB(86, 180, 233))
  public var secondModel = TermColor.rgb(RGB(230, 159, 0))
  /// Traced units' lines, one colour each: Okabe & Ito's eight, told apart with every colour
  /// vision (the grey last).
  public var unitColors: [TermColor] = [
    RGB(86, 180, 233), RGB(230, 159, 0), RGB(0, 158, 115), RGB(240, 228, 66), RGB(0, 114, 178),
    RGB(213, 94, 0), RGB(204, 121, 167), RGB(150, 150, 150),
  ].map { TermColor.rgb($0) }
  /// A pinned reference drawn under what is shown now.
  public var ghost = TermColor.rgb(RGB(92, 92, 104))
  /// The title bar's background (with colour).
  public var titleBar = TermColor.rgb(RGB(38, 40, 58))
  public var panelBackground = TermColor.standard
  public var barBackground = TermColor.standard
  /// The colour maps (and, with colour, the signal colours `with(palette:)` set).
  public private(set) var palette = Palette.standard
  /// The terminal shows 256 colours: the maps draw with their `IndexedRamp`s.
  public var indexed = false

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
      firstModel = .standard
      secondModel = .standard
      unitColors = [.standard]
    }
  }

  public static let standard = Theme()

  /// This theme with `palette`'s maps; with colour, the colour-blind palette also trades the
  /// red–green signals (right and wrong, inside and outside, vanishing and exploding, relu's curve)
  /// for blue, orange and yellow (Okabe & Ito's colours).
  public func with(palette: Palette) -> Theme {
    var t = self
    t.palette = palette
    guard color, palette == .cividis else { return t }
    t.good = .rgb(RGB(86, 180, 233))
    t.error = .rgb(RGB(230, 159, 0))
    t.vanishing = .rgb(RGB(0, 114, 178))
    t.exploding = .rgb(RGB(213, 94, 0))
    t.reluCurve = .rgb(RGB(240, 228, 66))
    return t
  }

  /// Signed value v in [−limit, limit] → the palette's diverging map.
  public func diverging(_ v: Double, limit: Double = 1) -> RGB {
    indexed ? palette.indexedDiverging(v, limit: limit) : palette.diverging(v, limit: limit)
  }

  /// Magnitude f in [0, 1] → the palette's sequential map.
  public func sequential(_ f: Double) -> RGB {
    indexed ? palette.indexedSequential(f) : palette.sequential(f)
  }
}
