import Foundation
import Testing

/// The real binary under tmux at fixed sizes. Serialized: each runs its own tmux server, but the machine
/// has two cores and the runs are clearer one at a time.
@Suite(.serialized)
struct TUIEndToEndTests {
    @Test func stepTenTimesBackpropAndQuit() throws {
        let t = try TmuxSession(width: 100, height: 30)
        try t.waitFor("step 0/73")
        for _ in 0..<10 { try t.send("Right") }
        try t.waitFor("step 10/73")
        try t.send("b")
        let screen = try t.waitFor("BPTT over 10 steps")
        #expect(screen.contains("‖∂L_T/∂h_t‖ per step"))
        #expect(screen.contains("t=10"))
        #expect(screen.contains("‖∂L/∂h_t‖   = "))
        #expect(screen.contains("┤"))                    // the log axis is drawn
        #expect(screen.contains("e-"))                   // with its numbers
        #expect(screen.contains("x_t   t h e ␣ q u i c k ␣"))
        // The cursor moves back over timesteps and the readout follows.
        try t.send("Left")
        try t.send("Left")
        try t.waitFor("step t=8 of 10 taken")
        // s switches to sigmoid and replays.
        try t.send("s")
        try t.waitFor("vanilla RNN · sigmoid")
        try t.send("?")
        try t.waitFor("any key closes this help")
        try t.send("Escape")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
        let modes = try t.modes()
        #expect(!modes.alternate, "terminal left in the alternate screen")
        #expect(modes.cursorVisible, "cursor left hidden")
    }

    @Test func tooSmallThenEnlarged() throws {
        let t = try TmuxSession(width: 40, height: 12)
        try t.waitFor("terminal too small: need 80×24")
        try t.waitFor("have 40×12")
        try t.resize(width: 100, height: 30)
        try t.waitFor("hidden state h_t")
        for size in [(81, 25), (30, 5), (150, 50), (100, 30)] { try t.resize(width: size.0, height: size.1) }
        try t.waitFor("hidden state h_t")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let t = try TmuxSession(width: 100, height: 30)
        try t.waitFor("step 0/73")
        try t.send("Space")
        try t.waitFor("step 1/73")
        try t.send("C-c")
        #expect(try t.waitForExit() == 130)
        let modes = try t.modes()
        #expect(!modes.alternate && modes.cursorVisible)
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let t = try TmuxSession(width: 100, height: 30)
        try t.waitFor("step 0/73")
        kill(try t.programPID(), SIGTERM)
        #expect(try t.waitForExit() == 143)
        let modes = try t.modes()
        #expect(!modes.alternate && modes.cursorVisible)
    }

    @Test func helpListsSubcommands() throws {
        guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
        let r = try spawn([bin, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("SUBCOMMANDS"))
        #expect(r.stdout.contains("tui"))
    }

    @Test func notATerminalGetsAClearMessage() throws {
        guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
        let r = try spawn([bin])
        #expect(r.status == 1)
        #expect(r.stderr.contains("needs a terminal"))
    }

    @Test func badOptionsAreRefused() throws {
        guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
        for (args, needle) in [(["--hidden", "0"], "--hidden must be between 1 and 256"),
                               (["--activation", "cube"], "cube"),
                               (["--text", "/nonexistent/file"], "no such file"),
                               (["--text", "/"], "is a directory"),
                               (["--frobnicate"], "Unknown option")] {
            let r = try spawn([bin] + args)
            #expect(r.status != 0, "\(args)")
            #expect(r.stderr.contains(needle), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error"))
        }
    }
}
