/// A picture of a cell grid (the screen, or a rectangle of it: one panel) as SVG, exactly as the
/// terminal shows it: each cell `cellWidth` × `cellHeight`, the backgrounds as rectangles, each run
/// of same-styled characters one `<text>` with every character placed at its own column (so the
/// columns align whatever the font's advance), the exact RGB colours the views chose (not a
/// terminal's 256-colour approximation), and `.standard` as the theme's default colours.
/// Block elements (▀▄█…), the box-drawing lines and braille patterns are drawn as shapes
/// (`CellShape`), not glyphs: exact and the same in a browser and in librsvg, whatever fonts the
/// viewer has. Other text uses `fontFamily`.
public enum SVGWriter {
  public static let cellWidth = 10
  public static let cellHeight = 20
  public static let fontSize = 16
  /// Monospace fonts most systems have, then the generic family.
  public static let fontFamily =
    "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono', monospace"
  /// A braille dot's radius.
  static let dotRadius = 1.6

  /// The SVG of `grid` within `rect` (the whole grid by default), drawn in `theme`.
  public static func svg(_ grid: CellGrid, rect: Rect? = nil, theme: SVGTheme = .dark) -> String {
    let whole = Rect(x: 0, y: 0, width: grid.width, height: grid.height)
    let r = clip(rect ?? whole, to: whole)
    let w = r.width * cellWidth
    let h = r.height * cellHeight
    var out: [String] = []
    out.append(#"<?xml version="1.0" encoding="UTF-8"?>"#)
    out.append(
      #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(w)" height="\#(h)" "#
        + #"viewBox="0 0 \#(w) \#(h)">"#)
    out.append(#"<rect width="\#(w)" height="\#(h)" fill="\#(hex(theme.background))"/>"#)
    // Backgrounds: a rectangle per run of one colour in a row, the default left to the one above.
    out.append(#"<g shape-rendering="crispEdges">"#)
    for y in 0..<r.height {
      for run in runs(grid, r, y, key: { theme.background($0.bg) })
      where run.key != theme.background {
        out.append(
          #"<rect x="\#(run.start * cellWidth)" y="\#(y * cellHeight)" "#
            + #"width="\#(run.count * cellWidth)" height="\#(cellHeight)" "#
            + #"fill="\#(hex(run.key))"/>"#)
      }
    }
    out.append("</g>")
    out.append(
      #"<g font-family="\#(escape(fontFamily))" font-size="\#(fontSize)" xml:space="preserve">"#)
    for y in 0..<r.height {
      let style = { (c: Cell) in TextStyle(color: theme.foreground(c.fg), bold: c.bold) }
      for run in runs(grid, r, y, key: style) {
        let spans = (run.start..<(run.start + run.count)).compactMap { x -> String? in
          let ch = grid[r.x + x, r.y + y].char
          guard ch != " ", CellShape.shapes(ch) == nil else { return nil }
          return #"<tspan x="\#(x * cellWidth)">\#(escape(String(ch)))</tspan>"#
        }
        guard !spans.isEmpty else { continue }
        let bold = run.key.bold ? #" font-weight="bold""# : ""
        out.append(
          #"<text y="\#(y * cellHeight + baseline)" fill="\#(hex(run.key.color))"\#(bold)>"#
            + spans.joined() + "</text>")
      }
    }
    out.append("</g>")
    out.append("<g>")
    for y in 0..<r.height {
      for x in 0..<r.width {
        let c = grid[r.x + x, r.y + y]
        guard let shapes = CellShape.shapes(c.char) else { continue }
        let fill = hex(theme.foreground(c.fg))
        for s in shapes { out.append(element(s, x: x, y: y, fill: fill)) }
      }
    }
    out.append("</g>")
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  /// Where the text of a row sits: its baseline, from the row's top.
  static let baseline = 15

  struct TextStyle: Equatable {
    var color: RGB
    var bold: Bool
  }

  struct Run<Key: Equatable> {
    var key: Key
    var start: Int
    var count: Int
  }

  /// The runs of cells in row `y` of `r` (x relative to `r`) with the same `key`.
  static func runs<Key: Equatable>(
    _ g: CellGrid, _ r: Rect, _ y: Int, key: (Cell) -> Key
  ) -> [Run<Key>] {
    var out: [Run<Key>] = []
    for x in 0..<r.width {
      let k = key(g[r.x + x, r.y + y])
      if let last = out.last, last.key == k {
        out[out.count - 1].count += 1
      } else {
        out.append(Run(key: k, start: x, count: 1))
      }
    }
    return out
  }

  static func element(_ s: CellShape, x: Int, y: Int, fill: String) -> String {
    let cw = Double(cellWidth)
    let ch = Double(cellHeight)
    switch s {
    case .rect(let fx, let fy, let fw, let fh, let opacity):
      let o = opacity < 1 ? #" fill-opacity="\#(number(opacity))""# : ""
      return #"<rect x="\#(number(Double(x) * cw + fx * cw))" "#
        + #"y="\#(number(Double(y) * ch + fy * ch))" width="\#(number(fw * cw))" "#
        + #"height="\#(number(fh * ch))" fill="\#(fill)"\#(o)/>"#
    case .dot(let fx, let fy):
      return #"<circle cx="\#(number(Double(x) * cw + fx * cw))" "#
        + #"cy="\#(number(Double(y) * ch + fy * ch))" r="\#(number(dotRadius))" fill="\#(fill)"/>"#
    }
  }

  /// "12", "12.5", "0.25": short, exact to a hundredth of a pixel.
  static func number(_ v: Double) -> String {
    let hundredths = Int((v * 100).rounded())
    let whole = hundredths / 100
    let frac = abs(hundredths % 100)
    let sign = hundredths < 0 && whole == 0 ? "-" : ""
    guard frac != 0 else { return "\(whole)" }
    let digits = frac % 10 == 0 ? "\(frac / 10)" : (frac < 10 ? "0\(frac)" : "\(frac)")
    return "\(sign)\(whole).\(digits)"
  }

  /// "#rrggbb".
  public static func hex(_ c: RGB) -> String {
    let digits = Array("0123456789abcdef")
    let bytes = [c.r, c.g, c.b]
    return "#" + String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
  }

  /// Text made safe for XML: & < > " ' as entities, and any character XML 1.0 cannot carry (C0
  /// controls, U+FFFE, U+FFFF) or should not (DEL, C1 controls) as "�".
  public static func escape(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        let v = u.value
        let bad = v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF
        out.unicodeScalars.append(bad ? "\u{FFFD}" : u)
      }
    }
    return out
  }

  static func clip(_ r: Rect, to whole: Rect) -> Rect {
    let x = max(whole.x, min(r.x, whole.maxX))
    let y = max(whole.y, min(r.y, whole.maxY))
    return Rect(
      x: x, y: y, width: min(r.maxX, whole.maxX) - x, height: min(r.maxY, whole.maxY) - y)
  }
}
