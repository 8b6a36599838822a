import CNCursesShim
import RNNViews

/// The thin terminal layer: copies a CellGrid to the screen through ncursesw and reads keys.
public struct TerminalScreen {
  public let colorMode: ColorMode
  private var pairs: [PairKey: Int32] = [:]
  private var nextPair: Int32 = 1
  private let maxPairs: Int32

  private struct PairKey: Hashable { let fg: Int32, bg: Int32 }

  public struct StartError: Error, CustomStringConvertible {
    public let description: String
  }

  /// Starts curses. `noColor` (NO_COLOR, --no-color) turns colour off whatever the terminal has.
  public static func start(noColor: Bool) throws -> TerminalScreen {
    guard rs_start() == 0 else {
      throw StartError(
        description: "cannot open the terminal (is TERM set to a known terminal type?)")
    }
    return TerminalScreen(noColor: noColor)
  }

  private init(noColor: Bool) {
    let n = rs_colors()
    maxPairs = rs_color_pairs()
    if noColor || n < 8 || maxPairs < 2 {
      colorMode = .none
    } else if n >= 0x1000000 {
      colorMode = .direct
    } else if n >= 256 {
      colorMode = .indexed256
    } else {
      colorMode = .ansi8
    }
  }

  public func stop() { rs_stop() }

  /// Whether the terminal's locale is UTF-8; otherwise every cell is written as ASCII.
  public let unicode: Bool = rs_locale_is_utf8() != 0

  /// The terminal's size in cells.
  public func size() -> (width: Int, height: Int) {
    var rows: Int32 = 0
    var cols: Int32 = 0
    rs_size(&rows, &cols)
    return (Int(cols), Int(rows))
  }

  /// Copies every cell of `grid` to the screen and refreshes (ncurses sends only what changed).
  public mutating func draw(_ grid: CellGrid) {
    let (w, h) = size()
    for y in 0..<min(h, grid.height) {
      for x in 0..<min(w, grid.width) {
        let c = grid[x, y]
        let ch = unicode || c.char.isASCII ? c.char.value : ASCIIFallback.scalar(for: c.char).value
        rs_put(Int32(y), Int32(x), ch, pair(c.fg, c.bg), c.bold ? 1 : 0)
      }
    }
    rs_refresh()
  }

  private mutating func pair(_ fg: TermColor, _ bg: TermColor) -> Int32 {
    guard colorMode != .none else { return 0 }
    let key = PairKey(fg: index(fg), bg: index(bg))
    if key.fg == -1 && key.bg == -1 { return 0 }
    if let p = pairs[key] { return p }
    if nextPair >= maxPairs {  // out of pairs: start over; every cell is redrawn each frame
      pairs.removeAll()
      nextPair = 1
    }
    let p = nextPair
    nextPair += 1
    if rs_init_pair(p, key.fg, key.bg) != 0 { return 0 }
    pairs[key] = p
    return p
  }

  /// The terminal colour index for a cell colour (-1 = the terminal's default).
  private func index(_ c: TermColor) -> Int32 {
    guard case .rgb(let v) = c else { return -1 }
    switch colorMode {
    case .none: return -1
    case .direct: return Int32(v.r) << 16 | Int32(v.g) << 8 | Int32(v.b)
    case .indexed256: return Int32(ColorQuantizer.xterm256(v))
    case .ansi8: return Int32(ColorQuantizer.ansi8(v))
    }
  }

  /// Waits up to `timeoutMs` for a key; nil on timeout.
  public func readKey(timeoutMs: Int32) -> Key? {
    var ch: UInt32 = 0
    switch Int(rs_read_key(timeoutMs, &ch)) {
    case RS_KEY_NONE: return nil
    case RS_KEY_CHAR:
      if ch == 3 { return .ctrlC }
      if ch == 27 { return .escape }
      if ch == 9 { return .tab }
      guard let s = Unicode.Scalar(ch) else { return .unknown }
      return .char(Character(s))
    case RS_KEY_LEFT: return .left
    case RS_KEY_RIGHT: return .right
    case RS_KEY_UP: return .up
    case RS_KEY_DOWN: return .down
    case RS_KEY_HOME: return .home
    case RS_KEY_END: return .end
    case RS_KEY_PPAGE: return .pageUp
    case RS_KEY_NPAGE: return .pageDown
    case RS_KEY_ENTER: return .enter
    case RS_KEY_BACKSPACE: return .backspace
    case RS_KEY_RESIZE: return .resize
    case RS_KEY_BTAB: return .tab
    case RS_KEY_MOUSE: return .mouse(x: Int(ch & 0xffff), y: Int(ch >> 16))
    default: return .unknown
    }
  }

  /// Catches SIGINT, SIGTERM and SIGHUP as requests to quit; on any other signal that would end the
  /// process (a crash, SIGQUIT, SIGUSR1, SIGXCPU…), restores the terminal, then dies by it.
  public static func installSignalHandlers() { rs_install_signal_handlers() }

  /// Flushes what print() left in stdio's buffer: 0, the errno of a failed write, or -1 when one
  /// failed earlier for a reason now unknown. (Swift 6 cannot touch C's `stdout`.)
  public static func flushStandardOutput() -> Int32 { rs_flush_stdout() }

  /// Whether the terminal has closed (a hang-up even where SIGHUP is ignored).
  public static func terminalGone() -> Bool { rs_terminal_gone() != 0 }

  /// A quit-request signal caught since the last call, or nil.
  public static func pendingSignal() -> Int32? {
    let s = rs_pending_signal()
    return s == 0 ? nil : s
  }
}
