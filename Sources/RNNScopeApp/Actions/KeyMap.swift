import RNNViews

/// The keys of the visualizer: which action each key asks for, given what the screen is doing (long
/// work under way, the command line open, the backward animation, the help overlay), and the list
/// of keys the help shows.
public enum KeyMap {
  /// Every key the visualizer understands, with what it does.
  public static let bindings: [KeyBinding] = [
    KeyBinding(keys: "Space", action: "step forward one timestep (in a presentation: on)"),
    KeyBinding(keys: "→  l", action: "cursor right; at the last step taken, step forward"),
    KeyBinding(keys: "←  h", action: "cursor left one timestep (a click on a column moves it too)"),
    KeyBinding(keys: "Home  End", action: "cursor to the first / last step taken"),
    KeyBinding(keys: "Backspace", action: "undo the last step"),
    KeyBinding(keys: "e", action: "step to the end of the sequence"),
    KeyBinding(
      keys: "b", action: "backpropagate through time, walking the gradient back from T to 1"),
    KeyBinding(keys: "B", action: "backpropagate at once, no animation"),
    KeyBinding(keys: "+  -", action: "animation faster / slower"),
    KeyBinding(keys: "g", action: "gradient: ∂L_T/∂h_t → ∂L/∂h_t (LSTM: → ∂L_T/∂c_t → ∂L/∂c_t)"),
    KeyBinding(keys: "s", action: "RNN activation tanh → sigmoid → relu, steps replayed"),
    KeyBinding(
      keys: "p  u",
      action: "pin the gradient profile, or the focused loss curves, in grey / unpin"),
    KeyBinding(keys: "|", action: "split view off / the last comparison (split …) on again"),
    KeyBinding(keys: "t", action: "start / stop training in the background"),
    KeyBinding(keys: "r", action: "reset to step 0 (same weights)"),
    KeyBinding(keys: "n", action: "a new sequence from the task"),
    KeyBinding(
      keys: "↑  ↓  wheel", action: "scroll the heatmap through units, layers, c and gates"),
    KeyBinding(
      keys: ",  .  m",
      action:
        "unit: previous / next (find's list, else every unit), plotted and colouring x_t; m keeps "
        + "it"
    ),
    KeyBinding(
      keys: "{  }", action: "fixed point: previous / next selected, ∂F/∂s in the spectrum (:fixed)"
    ),
    KeyBinding(keys: "Tab", action: "focus the next panel (one left out for room comes on)"),
    KeyBinding(keys: "z  Esc", action: "zoom the focused panel / back; Esc also stops long work"),
    KeyBinding(
      keys: "[  ]  o", action: "output pane (show, sample, help): scroll up / down, close"),
    KeyBinding(
      keys: "E", action: "export the focused panel as SVG (rnnscope-DATE-TIME.svg; :help export)"),
    KeyBinding(keys: ":", action: "command line (Tab completes, ↑↓ history; help lists commands)"),
    KeyBinding(keys: "PageDown", action: "presentation: on to the next pause (as Space)"),
    KeyBinding(keys: "PageUp", action: "presentation: back to the previous pause, as it was"),
    KeyBinding(keys: "R  F", action: "presentation: restart / leave it (Space then steps)"),
    KeyBinding(keys: "N  P  L", action: "next / previous session, the list of sessions"),
    KeyBinding(keys: "?", action: "show / hide this help (→ ← turn its pages)"),
    KeyBinding(keys: "q  Ctrl-C", action: "quit"),
  ]

  /// Whether a presentation plays: none, one with pauses to come, or one at its end.
  public enum PresentationMode: Sendable, Equatable {
    case none, presenting, ended
  }

  /// The action `key` asks for. In a presentation Space and PageDown go on to the next pause; at
  /// its end they say so (the visualizer does). With the list of sessions open, the keys move in
  /// it.
  public static func action(
    for key: Key, state s: ScopeState, presentation: PresentationMode = .none,
    menuOpen: Bool = false
  ) -> Action {
    if s.work != nil {
      // Long work under way: Esc stops it, q and Ctrl-C quit; other keys wait for it.
      switch key {
      case .escape: return .stopWork
      case .char("q"): return .quit(exitCode: 0)
      case .ctrlC: return .quit(exitCode: 130)
      case .resize, .mouse: return .none
      default: return .showProgress
      }
    }
    if s.commandLine.isOpen {
      switch key {
      case .enter: return .submitCommandLine
      case .escape, .ctrlC: return .closeCommandLine
      case .tab: return .completeCommandLine
      default: return .editCommandLine(key)
      }
    }
    if key == .resize { return .none }
    if menuOpen {
      switch key {
      case .up, .char("k"): return .moveSessionSelection(by: -1)
      case .down, .char("j"): return .moveSessionSelection(by: 1)
      case .enter: return .openSessionSelected
      case .char(let c) where c.wholeNumberValue.map { $0 >= 1 } ?? false:
        return .openSession(c.wholeNumberValue! - 1)
      case .char("q"): return .quit(exitCode: 0)
      case .ctrlC: return .quit(exitCode: 130)
      default: return .closeSessions
      }
    }
    if s.isAnimating {
      // Any key skips the animation to its end; q and Ctrl-C still quit.
      switch key {
      case .char("q"): return .quit(exitCode: 0)
      case .ctrlC: return .quit(exitCode: 130)
      default: return .skipAnimation
      }
    }
    if s.showHelp {
      switch key {
      case .char("q"): return .quit(exitCode: 0)
      case .ctrlC: return .quit(exitCode: 130)
      case .right, .char(" "), .pageDown, .char("l"): return .turnHelpPage(by: 1)
      case .left, .pageUp, .char("h"): return .turnHelpPage(by: -1)
      default: return .closeHelp
      }
    }
    switch key {
    case .char(" "), .pageDown:
      switch presentation {
      case .presenting, .ended: return .advancePresentation
      case .none: return key == .pageDown ? .notice(ScopeState.noPresentation) : .step(count: 1)
      }
    case .pageUp: return .previousPause
    case .char("R"): return .restartPresentation
    case .char("F"): return .leavePresentation
    case .char("N"): return .nextSession
    case .char("P"): return .previousSession
    case .char("L"): return .showSessions
    case .right, .char("l"): return .cursorRight
    case .left, .char("h"): return .cursorLeft
    case .home: return .cursorFirst
    case .end: return .cursorLast
    case .backspace: return .back(count: 1)
    case .char("e"): return .runToEnd
    case .char("b"): return .backward(animate: true, mode: .full)
    case .char("B"): return .backward(animate: false, mode: .full)
    case .char("g"): return .cycleMeasure
    case .char("s"): return .cycleActivation
    case .char("p"): return .pin(label: nil, panel: nil)
    case .char("u"): return .unpin(panel: nil)
    case .char("r"): return .reset
    case .char("n"): return .nextSequence
    case .char("t"): return .toggleTraining
    case .char("|"): return .toggleSplit
    case .char("+"), .char("="): return .changeSpeed(by: 1)
    case .char("-"), .char("_"): return .changeSpeed(by: -1)
    case .char(","), .char("<"): return .pickUnit(by: -1)
    case .char("."), .char(">"): return .pickUnit(by: 1)
    case .char("m"): return .keepUnit
    case .char("{"): return .fixedPoints(.selectNext(by: -1))
    case .char("}"): return .fixedPoints(.selectNext(by: 1))
    case .tab: return .focusNext
    case .up: return .scrollHeatmap(by: -2)
    case .down: return .scrollHeatmap(by: 2)
    case .char("["): return .scrollOutput(by: -3)
    case .char("]"): return .scrollOutput(by: 3)
    case .char("o"): return .toggleOutput
    case .char("E"): return .export(ExportRequest(format: .svg, path: nil, panel: s.focus))
    case .char("z"): return .toggleZoom
    case .escape: return .unzoom
    case .char(":"): return .openCommandLine
    case .char("?"): return .showHelp
    case .char("q"): return .quit(exitCode: 0)
    case .ctrlC: return .quit(exitCode: 130)
    case .mouse: return .notice(nil)
    case .char(let c): return .notice("unknown key '\(c)' — press ? for the list of keys")
    default: return .notice("press ? for the list of keys")
    }
  }
}
