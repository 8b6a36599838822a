import Testing
@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// The demo's key handling and the whole screen at fixed sizes.
struct DemoScreenTests {
    func stepped(_ n: Int, activation: Activation = .tanh) -> DemoState {
        var s = DemoState(activation: activation)
        for _ in 0..<n { _ = s.handle(.right) }
        return s
    }

    @Test func rightArrowSpaceAndLStepForward() {
        var s = DemoState()
        _ = s.handle(.right); _ = s.handle(.char(" ")); _ = s.handle(.char("l"))
        #expect(s.stepsTaken == 3)
        #expect(s.cursor == 2)
        #expect(s.run.steps[0].input == .token(s.vocabulary.token("t")!))
        #expect(s.targetToken(at: 0) == s.vocabulary.token("h"))
    }

    @Test func afterBackpropArrowsMoveTheCursor() {
        var s = stepped(10)
        _ = s.handle(.char("b"))
        #expect(s.bptt != nil)
        #expect(s.gradientNorms?.count == 10)
        _ = s.handle(.left); _ = s.handle(.char("h")); _ = s.handle(.left)
        #expect(s.cursor == 6)
        _ = s.handle(.char("l"))
        #expect(s.cursor == 7)
        #expect(s.stepsTaken == 10)          // moving the cursor does not step
        _ = s.handle(.home)
        #expect(s.cursor == 0)
        _ = s.handle(.end)
        #expect(s.cursor == 9)
        _ = s.handle(.right)                 // at the end, → steps again and the gradient is stale
        #expect(s.stepsTaken == 11)
        #expect(s.bptt == nil)
    }

    @Test func switchingActivationReplaysAndSigmoidDecaysFaster() {
        var s = stepped(30)
        _ = s.handle(.char("b"))
        let tanhFirst = s.gradientNorms![0]
        let hiddenTanh = s.run.steps.map { $0.hidden[0] }
        _ = s.handle(.char("s"))
        #expect(s.activation == .sigmoid)
        #expect(s.stepsTaken == 30)
        #expect(s.run.steps.map { $0.hidden[0] } != hiddenTanh)
        let sigFirst = s.gradientNorms![0]     // recomputed at once
        #expect(sigFirst < tanhFirst / 1e3, "sigmoid \(sigFirst) vs tanh \(tanhFirst)")
        _ = s.handle(.char("s"))
        #expect(s.activation == .tanh)
        #expect(s.run.steps.map { $0.hidden[0] } == hiddenTanh)
    }

    @Test func gradientMeasureToggles() {
        var s = stepped(12)
        _ = s.handle(.char("b"))
        #expect(s.gradientNorms! == s.bptt!.lastLossHiddenGradNorms[0])
        _ = s.handle(.char("g"))
        #expect(s.gradientNorms! == s.bptt!.hiddenGradNorms[0])
    }

    @Test func quitHelpResetAndUnknownKeys() {
        var s = stepped(3)
        #expect(s.handle(.char("?")) == .continueRunning)
        #expect(s.showHelp)
        #expect(s.handle(.char("x")) == .continueRunning)
        #expect(!s.showHelp)
        #expect(s.handle(.char("z")) == .continueRunning)
        #expect(s.message?.contains("press ?") == true)
        _ = s.handle(.char("r"))
        #expect(s.stepsTaken == 0)
        #expect(s.handle(.char("q")) == .quit(exitCode: 0))
        #expect(s.handle(.ctrlC) == .quit(exitCode: 130))
    }

    @Test func steppingStopsAtTheEndOfTheText() {
        var s = DemoState(text: "abc")
        for _ in 0..<5 { _ = s.handle(.char(" ")) }
        #expect(s.stepsTaken == 2)
        #expect(s.message?.contains("end of the text") == true)
    }

    @Test func screenAt100x30AfterTenStepsAndBackprop() {
        var s = stepped(10)
        _ = s.handle(.char("b"))
        var view = DemoScreen()
        let g = view.render(s, width: 100, height: 30, theme: Theme())
        let text = g.text
        #expect(g.rowText(0).contains("step 10/73"))
        #expect(text.contains("hidden state h_t"))
        #expect(text.contains("‖∂L_T/∂h_t‖ per step"))
        #expect(text.contains("t=10"))
        #expect(text.contains("predicted '"))
        #expect(text.contains("‖∂L/∂h_t‖   = "))
        // The input strip shows the text read so far ("the quick" with a visible space).
        #expect(text.contains("t h e ␣ q u i c k ␣"))
        // The heatmap's first column sits right after the gutter, coloured.
        let layout = DemoLayout(width: 100, height: 30, hiddenSize: 16)!
        let cell = g[layout.heatmap.x + 1 + view.gutter, layout.heatmap.y + 2]
        #expect(cell.char == "▀")
        if case .rgb = cell.fg {} else { Issue.record("heatmap cell not coloured") }
        // The gradient bars of the last step reach the plot's top row.
        let plotTop = layout.gradient.y + 1
        let lastBarX = layout.gradient.x + 1 + view.gutter + 9 * 2
        #expect(g[lastBarX, plotTop].char == "█" || g[lastBarX, plotTop + 1].char != " ")
    }

    @Test func screenTooSmallSaysWhatItNeeds() {
        var view = DemoScreen()
        let g = view.render(DemoState(), width: 40, height: 12, theme: Theme())
        #expect(g.text.contains("terminal too small: need 80×24"))
        #expect(g.text.contains("have 40×12"))
        // And recovers once large enough.
        let big = view.render(DemoState(), width: 80, height: 24, theme: Theme())
        #expect(!big.text.contains("too small"))
        #expect(big.text.contains("hidden state"))
    }

    @Test func everySizeRendersWithoutTrapping() {
        var s = stepped(40)
        _ = s.handle(.char("b"))
        s.showHelp = true
        var view = DemoScreen()
        for w in stride(from: 1, through: 220, by: 7) {
            for h in stride(from: 1, through: 70, by: 3) {
                let g = view.render(s, width: w, height: h, theme: Theme())
                #expect(g.width == w && g.height == h)
            }
        }
    }

    @Test func helpOverlayListsEveryKey() {
        var s = DemoState()
        _ = s.handle(.char("?"))
        var view = DemoScreen()
        let text = view.render(s, width: 100, height: 30, theme: Theme()).text
        for k in demoKeyBindings { #expect(text.contains(k.keys), "help lists \(k.keys)") }
    }

    @Test func scrollingKeepsTheCursorInView() {
        var s = stepped(70)
        var view = DemoScreen()
        _ = view.render(s, width: 80, height: 24, theme: Theme())
        #expect(view.firstColumn > 0)
        _ = s.handle(.home)
        _ = view.render(s, width: 80, height: 24, theme: Theme())
        #expect(view.firstColumn == 0)
    }
}
