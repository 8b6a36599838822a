/// A cell grid as the text a VT/xterm terminal draws it from: cursor positioning (CUP), SGR with
/// 24-bit colours (38;2 / 48;2) for `.rgb`, the terminal's default colours for `.standard`, bold.
/// For recordings (asciicast): the whole screen once, then only the cells that changed. Every
/// piece starts from an unknown SGR state and sets each style in full ("0;…"), so a piece read
/// alone — or after any other — draws the same cells.
public enum ANSIScreen {
  /// Hides the cursor (the visualizer draws its own).
  public static let hideCursor = "\u{1B}[?25l"
  /// Shows the cursor and resets the attributes: what a recording ends with.
  public static let restore = "\u{1B}[0m\u{1B}[?25h"

  /// The whole of `grid`: attributes reset, the screen cleared to the default colours, then every
  /// cell that is not a default blank.
  public static func full(_ grid: CellGrid) -> String {
    "\u{1B}[0m\u{1B}[H\u{1B}[2J"
      + changes(from: CellGrid(width: grid.width, height: grid.height), to: grid)
  }

  /// What turns a screen showing `old` into `new`: the changed cells, in runs (a gap of up to
  /// `bridge` unchanged cells is rewritten rather than jumped over). A grid of another size is
  /// drawn whole; none when nothing changed.
  public static func diff(from old: CellGrid?, to new: CellGrid, bridge: Int = 3) -> String {
    guard let old, old.width == new.width, old.height == new.height else { return full(new) }
    return changes(from: old, to: new, bridge: bridge)
  }

  private static func changes(from old: CellGrid, to new: CellGrid, bridge: Int = 3) -> String {
    var out = ""
    var style: Style? = nil
    for y in 0..<new.height {
      var x = 0
      while x < new.width {
        guard old[x, y] != new[x, y] else {
          x += 1
          continue
        }
        // A run from x: it ends where more than `bridge` unchanged cells follow.
        var end = x + 1
        var probe = end
        while probe < new.width {
          if old[probe, y] != new[probe, y] {
            end = probe + 1
            probe = end
          } else if probe - end < bridge {
            probe += 1
          } else {
            break
          }
        }
        out += "\u{1B}[\(y + 1);\(x + 1)H"
        for cx in x..<end {
          let c = new[cx, y]
          let s = Style(c)
          if s != style {
            out += s.sgr
            style = s
          }
          out.unicodeScalars.append(printable(c.char))
        }
        x = end
      }
    }
    return out
  }

  /// A control character (C0, DEL, C1) never goes out as itself.
  static func printable(_ ch: Unicode.Scalar) -> Unicode.Scalar {
    ch.value < 0x20 || (0x7f...0x9f).contains(ch.value) ? "\u{FFFD}" : ch
  }

  /// The attributes of a cell, as one SGR sequence that resets everything else.
  struct Style: Equatable {
    let fg: TermColor
    let bg: TermColor
    let bold: Bool
    init(_ c: Cell) {
      fg = c.fg
      bg = c.bg
      bold = c.bold
    }

    var sgr: String {
      var s = "\u{1B}[0"
      if bold { s += ";1" }
      if case .rgb(let v) = fg { s += ";38;2;\(v.r);\(v.g);\(v.b)" }
      if case .rgb(let v) = bg { s += ";48;2;\(v.r);\(v.g);\(v.b)" }
      return s + "m"
    }
  }
}
