/// A pixel canvas drawn with braille characters: each cell holds 2×4 dots. Each dot belongs to a
/// series; a cell shows the colour of the highest-priority series among its dots (one colour per
/// cell).
public struct BrailleCanvas: Sendable {
  public let columns: Int
  public let rows: Int
  public var pixelWidth: Int { columns * 2 }
  public var pixelHeight: Int { rows * 4 }
  /// series index per pixel, -1 = empty; higher index wins the cell's colour.
  private var pixels: [Int]

  public init(columns: Int, rows: Int) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    pixels = [Int](repeating: -1, count: self.columns * 2 * self.rows * 4)
  }

  public mutating func set(_ px: Int, _ py: Int, series: Int) {
    guard px >= 0, py >= 0, px < pixelWidth, py < pixelHeight else { return }
    let i = py * pixelWidth + px
    pixels[i] = max(pixels[i], series)
  }

  /// The pixels from a to b, both ends included, evenly spaced along the longer of the two
  /// spans (a line of dots with no gaps).
  public mutating func line(from a: (Int, Int), to b: (Int, Int), series: Int) {
    let n = max(abs(b.0 - a.0), abs(b.1 - a.1), 1)
    for i in 0...n {
      set(a.0 + (b.0 - a.0) * i / n, a.1 + (b.1 - a.1) * i / n, series: series)
    }
  }

  public func series(at px: Int, _ py: Int) -> Int {
    guard px >= 0, py >= 0, px < pixelWidth, py < pixelHeight else { return -1 }
    return pixels[py * pixelWidth + px]
  }

  // Braille dot bits: column 0 rows 0–3 → 0x01 0x02 0x04 0x40; column 1 → 0x08 0x10 0x20 0x80
  static let bits: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

  /// Copies the canvas into `g` at (x, y); `colors[s]` is series s's colour.
  public func draw(
    into g: inout CellGrid, x: Int, y: Int, colors: [TermColor], unicode: Bool,
    asciiMarks: [Unicode.Scalar]
  ) {
    for cy in 0..<rows {
      for cx in 0..<columns {
        var mask: UInt32 = 0
        var top = -1
        for dx in 0..<2 {
          for dy in 0..<4 {
            let s = series(at: cx * 2 + dx, cy * 4 + dy)
            if s >= 0 {
              mask |= BrailleCanvas.bits[dx][dy]
              top = max(top, s)
            }
          }
        }
        guard top >= 0 else { continue }
        let ch =
          unicode ? Unicode.Scalar(0x2800 + mask)! : asciiMarks[min(top, asciiMarks.count - 1)]
        g.put(x + cx, y + cy, ch, fg: colors[min(top, colors.count - 1)])
      }
    }
  }
}
