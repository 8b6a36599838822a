/// How a block element, a box-drawing line or a braille pattern covers its cell, as shapes in
/// fractions of the cell (x across, y down, 0…1): so that a picture of the screen (`SVGWriter`)
/// draws them exactly, whatever font the viewer has, and adjacent cells join without seams.
public enum CellShape: Equatable, Sendable {
  /// A rectangle, filled with the cell's foreground at `opacity` (the shades ░▒▓ are partial).
  case rect(x: Double, y: Double, width: Double, height: Double, opacity: Double)
  /// A braille dot centred at (x, y).
  case dot(x: Double, y: Double)

  /// The shapes that draw `ch`, or nil for a character drawn as text. An empty list draws nothing
  /// (the blank braille pattern U+2800).
  public static func shapes(_ ch: Unicode.Scalar) -> [CellShape]? {
    let v = ch.value
    switch v {
    case 0x2800...0x28FF: return braille(v - 0x2800)
    case 0x2580...0x259F: return block(v)
    default: return box(ch)
    }
  }

  private static func full(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> CellShape {
    .rect(x: x, y: y, width: w, height: h, opacity: 1)
  }

  /// Dots 1–8 of the pattern's bits: 1 2 3 down the left column, 4 5 6 down the right, 7 and 8
  /// below them.
  private static func braille(_ mask: UInt32) -> [CellShape] {
    let places: [(Double, Double)] = [
      (0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (0, 3), (1, 3),
    ]
    return places.enumerated().compactMap { bit, p in
      mask & (1 << UInt32(bit)) == 0 ? nil : .dot(x: 0.25 + 0.5 * p.0, y: 0.125 + 0.25 * p.1)
    }
  }

  /// U+2580…U+259F: halves, eighths, shades and quadrants.
  private static func block(_ v: UInt32) -> [CellShape] {
    switch v {
    case 0x2580: return [full(0, 0, 1, 0.5)]
    case 0x2581...0x2588:
      let f = Double(v - 0x2580) / 8
      return [full(0, 1 - f, 1, f)]
    case 0x2589...0x258F: return [full(0, 0, Double(0x2590 - v) / 8, 1)]
    case 0x2590: return [full(0.5, 0, 0.5, 1)]
    case 0x2591...0x2593:
      return [.rect(x: 0, y: 0, width: 1, height: 1, opacity: Double(v - 0x2590) / 4)]
    case 0x2594: return [full(0, 0, 1, 0.125)]
    case 0x2595: return [full(0.875, 0, 0.125, 1)]
    default:
      // Quadrants: upper left, upper right, lower left, lower right.
      let quadrants: [UInt32: [Int]] = [
        0x2596: [2], 0x2597: [3], 0x2598: [0], 0x2599: [0, 2, 3], 0x259A: [0, 3],
        0x259B: [0, 1, 2], 0x259C: [0, 1, 3], 0x259D: [1], 0x259E: [1, 2], 0x259F: [1, 2, 3],
      ]
      return (quadrants[v] ?? []).map { q in
        full(q % 2 == 0 ? 0 : 0.5, q < 2 ? 0 : 0.5, 0.5, 0.5)
      }
    }
  }

  /// The box-drawing lines the screen uses: arms from the cell's centre to its left, right, top
  /// and bottom edges, light or heavy; nil for any other character.
  private static func box(_ ch: Unicode.Scalar) -> [CellShape]? {
    let arms: [Unicode.Scalar: String] = [
      "─": "lr", "│": "ud", "┌": "rd", "┐": "ld", "└": "ru", "┘": "lu", "├": "udr",
      "┤": "udl", "┬": "lrd", "┴": "lru", "┼": "lrud", "╴": "l", "╵": "u", "╶": "r", "╷": "d",
      "╭": "rd", "╮": "ld", "╰": "ru", "╯": "lu",
    ]
    let heavy: [Unicode.Scalar: String] = ["━": "lr", "┃": "ud"]
    guard let a = arms[ch] ?? heavy[ch] else { return nil }
    // Half the line's thickness, across (a fifth of the cell's width) and down (a tenth of its
    // height, the same length in a cell twice as high as wide).
    let k = heavy[ch] == nil ? 1.0 : 2.0
    let tx = 0.1 * k
    let ty = 0.05 * k
    // A straight line through the cell is one rectangle; each other arm one of its own.
    var shapes: [CellShape] = []
    var open = Set(a)
    if open.isSuperset(of: ["l", "r"]) {
      shapes.append(full(0, 0.5 - ty, 1, 2 * ty))
      open.subtract(["l", "r"])
    }
    if open.isSuperset(of: ["u", "d"]) {
      shapes.append(full(0.5 - tx, 0, 2 * tx, 1))
      open.subtract(["u", "d"])
    }
    for arm in a where open.contains(arm) {
      switch arm {
      case "l": shapes.append(full(0, 0.5 - ty, 0.5 + tx, 2 * ty))
      case "r": shapes.append(full(0.5 - tx, 0.5 - ty, 0.5 + tx, 2 * ty))
      case "u": shapes.append(full(0.5 - tx, 0, 2 * tx, 0.5 + ty))
      default: shapes.append(full(0.5 - tx, 0.5 - ty, 2 * tx, 0.5 + ty))
      }
    }
    return shapes
  }
}
