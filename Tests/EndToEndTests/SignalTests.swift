import Foundation
import Testing

/// The visualizer under tmux, ended by a signal whose default action kills: the terminal must be
/// restored (main screen, cursor shown, mouse reporting off) and the status must be 128 + N, as
/// a death by that signal gives. Serialized, like the other tmux suites.
@Suite(.serialized)
struct SignalTests {
    init() {
        // Several of these signals dump core by default: none in the working folder, please.
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
        limit.rlim_cur = 0
        setrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
    }

    static let fatal: [(String, Int32)] = [
        ("XCPU", SIGXCPU), ("USR1", SIGUSR1), ("USR2", SIGUSR2), ("ALRM", SIGALRM),
        ("VTALRM", SIGVTALRM), ("PROF", SIGPROF), ("PWR", SIGPWR), ("SYS", SIGSYS),
        ("QUIT", SIGQUIT), ("RTMIN+1", __libc_current_sigrtmin() + 1),
    ]

    @Test(arguments: fatal)
    func aKillingSignalRestoresTheTerminalAndKills(_ name: String, _ signal: Int32) throws {
        let t = try TmuxSession(width: 100, height: 30, arguments: ["tui"])
        try t.waitFor("step 0/73")
        kill(try t.programPID(), signal)
        #expect(try t.waitForExit() == 128 + Int(signal), "SIG\(name)")
        let modes = try t.modes()
        #expect(!modes.alternate, "SIG\(name) left the alternate screen on")
        #expect(modes.cursorVisible, "SIG\(name) left the cursor hidden")
        let mouse = try t.tmux(["display-message", "-p", "-t", "0", "#{mouse_any_flag}"])
        #expect(mouse.trimmingCharacters(in: .whitespacesAndNewlines) == "0",
                "SIG\(name) left mouse reporting on")
        // Swift's backtracer (SIGQUIT is one of its signals) must not have drawn or waited.
        let screen = try t.screen()
        for text in ["Backtrac", "Press space", "crashed", "Fatal error", "Thread 0"] {
            #expect(!screen.contains(text), "SIG\(name): the pane shows \"\(text)\":\n\(screen)")
        }
    }
}
