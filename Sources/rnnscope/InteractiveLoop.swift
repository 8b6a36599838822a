import Foundation
import RNNScopeApp
import RNNViews
import TerminalScreen

/// Runs the visualizer until q, Ctrl-C or a quit signal; the terminal is restored on every path
/// out. Returns the exit status (0 for q, 128 + signal for a signal, 130 for Ctrl-C). With
/// `recording`, every frame drawn is recorded too (`tui --record`).
func runInteractive(_ initial: Visualizer, noColor: Bool, recording: LiveRecording? = nil) throws
  -> Int32
{
  // Before the screen starts, so that no signal finds the terminal taken and no handler yet.
  TerminalScreen.installSignalHandlers()
  var screen: TerminalScreen
  do {
    screen = try TerminalScreen.start(noColor: noColor)
  } catch let e as TerminalScreen.StartError {
    printError("rnnscope: \(e.description)")
    return 1
  }
  defer {
    screen.stop()
    recording?.end()
  }
  var theme = Theme(glyphs: screen.unicode ? .unicode : .ascii, color: screen.colorMode != .none)
  // With 256 colours the maps keep their lightness order in the colours the terminal has.
  theme.indexed = screen.colorMode == .indexed256
  var app = initial
  // Made once per change from the state and the frame before it (the scroll position carries
  // over, the spectrum is reused); clicks are mapped through the frame on screen.
  var frame: ScopeFrame? = nil
  // A test hook: RNNSCOPE_TEST_CRASH=1 traps after the first frame, to check the terminal is
  // restored on a crash.
  let crashForTest = ProcessInfo.processInfo.environment["RNNSCOPE_TEST_CRASH"] == "1"
  var dirty = true
  var last = Date()
  while true {
    if dirty {
      let (w, h) = screen.size()
      app.screenSize = ExportRequest.Size(columns: w, rows: h)
      let next = ScopeFrame(
        app.state, presentation: app.progress, menu: app.menu, width: w, height: h,
        previous: frame)
      let grid = ScopeScreen.render(next, theme: theme)
      screen.draw(grid)
      // Recorded as drawn: in ASCII where the terminal has no UTF-8.
      if let r = recording,
        let note = r.record(screen.unicode ? grid : asASCII(grid), frame: next, of: app)
      {
        _ = app.apply(.notice(note))
      }
      frame = next
      dirty = false
      if crashForTest {
        usleep(200_000)
        fatalError("RNNSCOPE_TEST_CRASH")
      }
    }
    if let sig = TerminalScreen.pendingSignal() {
      app.shutDown()
      return 128 + sig
    }
    // About 30 frames a second while something moves; otherwise wake up 4 times a second.
    // Long work gets its slice every pass, so keys wait for at most a moment.
    let busy = app.isBusy
    let key = screen.readKey(timeoutMs: app.work != nil ? 1 : busy ? 33 : 250)
    let now = Date()
    if app.tick(seconds: now.timeIntervalSince(last)) { dirty = true }
    last = now
    guard let key else {
      // A closed terminal ends the process even where SIGHUP is ignored (nohup): as a hang-up.
      if TerminalScreen.terminalGone() {
        app.shutDown()
        return 128 + SIGHUP
      }
      continue
    }
    dirty = true
    if case .mouse(let x, let y) = key {
      if let t = frame?.timestep(atX: x, y: y, steps: app.stepsTaken) {
        _ = app.apply(.cursor(to: t))
      }
      continue
    }
    if case .quit(let code) = app.handle(key) { return code }
  }
}

/// `tui --record FILE`: the frames drawn, as an asciicast file, timed by the wall clock from the
/// first frame. A write that fails ends the recording (the visualizer goes on and says so; the
/// reason is printed when the screen has closed).
final class LiveRecording {
  private var recorder: CastRecorder?
  private let file: CastFile
  private var start: Date?
  private var failure: String?
  private var ended = false

  init(file: CastFile, header: CastRecorder.Header) {
    self.file = file
    recorder = CastRecorder(header: header, write: file.append)
  }

  /// Records `grid` (drawn from `frame`) and, at a pause just reached, a marker; returns a notice
  /// for the status line if the recording has just failed.
  func record(_ grid: CellGrid, frame: ScopeFrame, of app: Visualizer) -> String? {
    guard recorder != nil else { return nil }
    let now = Date()
    let t = now.timeIntervalSince(start ?? now)
    if start == nil { start = now }
    do {
      try recorder!.frame(grid, at: t)
      try recorder!.markPause(app, frame: frame, at: t)
      return nil
    } catch {
      failure = "\(error)"
      recorder = nil
      return "recording stopped: \(error)"
    }
  }

  /// The end (once): the last event written and the file closed — removed if no frame was drawn;
  /// a failure is said on stderr.
  func end() {
    guard !ended else { return }
    ended = true
    guard start != nil else {
      file.close()
      unlink(file.path)
      return
    }
    if var r = recorder {
      let t = start.map { Date().timeIntervalSince($0) } ?? 0
      do { try r.finish(at: t) } catch { failure = "\(error)" }
      recorder = nil
    }
    file.close()
    if let failure { printError("rnnscope: the recording \(file.path) stopped: \(failure)") }
  }
}

/// `grid` with each character the terminal layer would draw for it without UTF-8.
func asASCII(_ grid: CellGrid) -> CellGrid {
  var g = grid
  for y in 0..<g.height {
    for x in 0..<g.width where !g[x, y].char.isASCII {
      g[x, y].char = ASCIIFallback.scalar(for: g[x, y].char)
    }
  }
  return g
}
