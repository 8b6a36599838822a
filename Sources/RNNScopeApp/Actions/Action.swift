import RNNCore
import RNNFormats
import RNNViews

/// Everything a user can do. The key map (`KeyMap`) and the command language (`CommandLanguage`)
/// both produce these; `ScopeState.apply(_:context:)` is the only place that carries them out (and
/// `Visualizer.apply(_:)` for the presentation's own).
public enum Action: Sendable, Equatable {
  // The sequence
  /// N forward steps (Space, `step N`).
  case step(count: Int)
  /// Undo the last N steps (Backspace, `back N`).
  case back(count: Int)
  /// N padded steps (mask 0): the input is read, the state carries over, no loss.
  case pad(count: Int)
  /// Step to the end of the sequence (e, `run`).
  case runToEnd
  /// Back to step 0 of this sequence (r, `reset`).
  case reset
  /// A new sequence from the task (n, `next`).
  case nextSequence

  // The cursor
  /// One step right; at the last step taken, a step forward (→, l).
  case cursorRight
  /// One step left (←, h).
  case cursorLeft
  /// To the first step kept (Home).
  case cursorFirst
  /// To the last step taken (End).
  case cursorLast
  /// To step index `to`, from 0 (a click, `cursor N`).
  case cursor(to: Int)

  // Gradients
  /// BPTT over the steps taken, walked back from T to 1 when `animate` (b, B, `backward`).
  case backward(animate: Bool, mode: BPTTMode)
  /// The gradient shown: last loss → whole loss (LSTM: → cell state, last loss → whole loss) (g).
  case cycleMeasure
  /// The RNN's activation: tanh → sigmoid → relu, the steps replayed (s).
  case cycleActivation
  /// A panel's axis set by what it shows, or held (`axis`); nil: `ComparedPanel.focused`.
  case axis(AxisChange, panel: ComparedPanel?)
  /// The gradient profile or the training curves shown kept under the next ones, labelled (p,
  /// `pin`); nil: `ComparedPanel.focused`.
  case pin(label: String?, panel: ComparedPanel?)
  /// The pinned profile or curves let go (u, `unpin`).
  case unpin(panel: ComparedPanel?)

  // The comparison
  /// A second model beside the first, on the same sequence, stepped with it (`split …`).
  case split(SplitChange)
  /// The second model closed (`split off`).
  case splitOff
  /// The split closed, or the last comparison opened again (|).
  case toggleSplit

  // Training
  /// Start or stop training in the background (t).
  case toggleTraining
  /// Train N steps (nil: until stopped; headless: 100).
  case train(steps: Int?)
  /// `train stop`.
  case stopTraining

  // The model and what it reads
  case model(ModelChange)
  case task(TaskChange)
  case initialize(Initialization)
  /// Read this text, character by character.
  case text(String)

  // Settings
  case set(Settings)
  /// Animation faster (+1) or slower (−1).
  case changeSpeed(by: Int)
  case focusNext
  case toggleZoom
  case unzoom
  /// A panel brought on screen and focused, maybe zoomed; the heatmap scrolled (`view …`).
  case view(ViewDirection)
  /// The heatmap scrolled down (+) or up (−) by this many units (↓ ↑, the mouse wheel).
  case scrollHeatmap(by: Int)
  /// The output pane scrolled down (+) or up (−) by this many lines (] [).
  case scrollOutput(by: Int)
  /// The output pane closed, or the last one opened again (o).
  case toggleOutput

  // Values and files
  case show(Report)
  /// The units most correlated with a predicate over the text read (`find`).
  case findUnits(TextPredicate, top: Int)
  /// Trace these units: the first colours the sequence strip's inputs, `show units` plots all;
  /// none: stop; ["top"]: the unit `find` ranked first (`unit`).
  case traceUnits([String])
  /// The next (+1) or previous (−1) unit picked to colour the inputs: along `find`'s list when
  /// there is one, else along every unit (, .).
  case pickUnit(by: Int)
  /// The picked unit kept in the units panel when another is picked, or let go (m).
  case keepUnit
  /// Fixed points of the model searched, selected or dropped (`fixed …`, { }).
  case fixedPoints(FixedPointsChange)
  case sample(count: Int, temperature: Double, prime: String)
  case save(SavedKind, path: String)
  /// A picture of the screen or a panel, or a panel's numbers (`export`, E).
  case export(ExportRequest)
  /// `tensors`: which of a weights file's modules are the model's, when the user says.
  case load(SavedKind, path: String, tensors: TensorNames? = nil)
  /// The command list, or one command's usage and options.
  case help(command: String?)

  // Narration
  /// A caption (the visualizer) or a line (headless).
  case say(String)
  /// A presentation waits here for Space.
  case pause
  /// Space or PageDown in a presentation: run on to its next pause.
  case advancePresentation
  /// PageUp: back to the previous pause, its screen as it was.
  case previousPause
  /// The presentation from its start.
  case restartPresentation
  /// To pause N (from 1), going back or running on.
  case goToPause(Int)
  /// Leave the presentation for free play: Space steps the model, the caption goes.
  case leavePresentation
  /// The next / previous session beside the one playing, from the start (N, P).
  case nextSession
  case previousSession
  /// Session `i` (from 0) of the list, from the start.
  case openSession(Int)
  /// The list of sessions (L); ↑↓ move its selection, Enter opens, Esc closes.
  case showSessions
  case moveSessionSelection(by: Int)
  /// Enter in the list: the session selected.
  case openSessionSelected
  case closeSessions
  /// The state as a presentation kept it at one of its stops.
  case restore(Snapshot)
  /// The caption says this (nil: none).
  case caption(String?)

  // The screen's own
  case showHelp
  case closeHelp
  /// The help's next (+1) or previous (−1) page.
  case turnHelpPage(by: Int)
  /// Any key during the backward animation: the gradient shown whole at once.
  case skipAnimation
  /// Esc during long work: stop where it is.
  case stopWork
  /// A key during long work: say how far it has got.
  case showProgress
  case openCommandLine
  case editCommandLine(Key)
  case completeCommandLine
  case closeCommandLine
  /// Enter on the command line: its command, parsed and applied.
  case submitCommandLine
  /// Enter on a line whose command the visualizer carries out itself (`present …`): the line is
  /// closed and remembered.
  case acceptCommandLine
  /// The status line says this (nil: it is cleared) — a key that means nothing here.
  case notice(String?)
  /// A line the command language could not read: its refusal, shown as any error is.
  case refused(String)
  /// Nothing at all (a resize, a comment line).
  case none
  case quit(exitCode: Int32)
}

extension Action {
  /// Whether the presentation, not the state, carries the action out.
  public var movesThePresentation: Bool {
    switch self {
    case .advancePresentation, .previousPause, .restartPresentation, .goToPause,
      .leavePresentation, .nextSession, .previousSession, .openSession, .showSessions,
      .moveSessionSelection, .openSessionSelected, .closeSessions:
      return true
    default: return false
    }
  }
}
