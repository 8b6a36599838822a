import Foundation
import RNNScopeApp
import RNNViews
import TerminalScreen

/// Runs the visualizer until q, Ctrl-C or a quit signal; the terminal is restored on every path
/// out. Returns the exit status (0 for q, 128 + signal for a signal, 130 for Ctrl-C).
func runInteractive(_ initial: Visualizer, noColor: Bool) throws -> Int32 {
  // Before the screen starts, so that no signal finds the terminal taken and no handler yet.
  TerminalScreen.installSignalHandlers()
  var screen: TerminalScreen
  do {
    screen = try TerminalScreen.start(noColor: noColor)
  } catch let e as TerminalScreen.StartError {
    printError("rnnscope: \(e.description)")
    return 1
  }
  defer { screen.stop() }
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
      screen.draw(ScopeScreen.render(next, theme: theme))
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
