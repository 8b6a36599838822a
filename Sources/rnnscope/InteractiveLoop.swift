import RNNScopeApp
import RNNViews
import TerminalScreen

/// Runs the visualizer until q, Ctrl-C or a quit signal; the terminal is restored on every path out.
/// Returns the exit status (0 for q, 128 + signal for a signal, 130 for Ctrl-C).
func runInteractive(state initial: DemoState, noColor: Bool) throws -> Int32 {
    var screen: TerminalScreen
    do {
        screen = try TerminalScreen.start(noColor: noColor)
    } catch let e as TerminalScreen.StartError {
        printError("rnnscope: \(e.description)")
        return 1
    }
    defer { screen.stop() }
    TerminalScreen.installSignalHandlers()
    let theme = Theme(glyphs: .unicode, color: screen.colorMode != .none)
    var state = initial
    var view = DemoScreen()
    while true {
        let (w, h) = screen.size()
        screen.draw(view.render(state, width: w, height: h, theme: theme))
        var key: Key? = nil
        while key == nil {
            if let sig = TerminalScreen.pendingSignal() { return 128 + sig }
            key = screen.readKey(timeoutMs: 250)
        }
        if case .quit(let code) = state.handle(key!) { return code }
    }
}
