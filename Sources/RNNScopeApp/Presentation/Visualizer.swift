import RNNCore
import RNNViews

/// The visualizer as a whole: the state, and the presentation that drives it (a session played
/// pause by pause). Keys become actions here (`KeyMap`); the presentation's own actions — on to the
/// next pause, back to the previous, restart, go to pause N, leave — are carried out here, every
/// other by the state's `apply`. Reads as its state (`visualizer.stepsTaken`).
@dynamicMemberLookup
public struct Visualizer: Sendable {
  public internal(set) var state: ScopeState
  public internal(set) var presentation: Presentation?
  /// The session files a presenter can open (N, P, L), in order: those beside the first session
  /// played, or those offered (`offer(sessions:)`).
  public internal(set) var sessions: [String] = []
  /// The list of sessions, while it is open: the one selected.
  public internal(set) var menuSelection: Int?
  /// The state before any session ran: every session opened starts from it.
  private let start: Snapshot
  /// The size of the screen last drawn (the frame loop sets it): `export` draws at it.
  public var screenSize = ExportRequest.headlessSize

  /// A visualizer over `state`, which a frame loop drives from now on: long work runs in slices
  /// between frames (`ScopeState.interactive`).
  public init(state: ScopeState, presentation: Presentation? = nil) {
    self.state = state
    self.state.interactive = true
    self.presentation = presentation
    start = self.state.snapshot(id: -1)
  }

  /// The sessions N, P and L open when no session has been played (`tui` with no file).
  public mutating func offer(sessions files: [String]) {
    if sessions.isEmpty { sessions = files }
  }

  /// Plays `p`, running its lines to the first pause; returns an error as FILE:LINE: message.
  public mutating func present(_ p: Presentation) -> String? {
    var p = p
    if sessions.isEmpty { sessions = SessionScript.siblings(of: p.script.file) }
    let error = p.advance(&state)
    presentation = p
    return error
  }

  /// Which of `sessions` plays, if one does.
  var playing: Int? {
    guard let file = presentation?.script.file else { return nil }
    let name = SessionScript.name(file)
    return sessions.firstIndex { SessionScript.name($0) == name }
  }

  /// Where the presentation stands and what comes next, for the caption.
  public var progress: PresentationProgress? {
    guard let p = presentation else { return nil }
    var g = p.progress
    g.session = SessionScript.name(p.script.file)
    if let i = playing, i + 1 < sessions.count {
      g.nextSession = SessionScript.name(sessions[i + 1])
    }
    return g
  }

  /// The list of sessions, while it is open.
  public var menu: SessionMenu? {
    menuSelection.map {
      SessionMenu(names: sessions.map(SessionScript.name), selected: $0, playing: playing)
    }
  }

  /// Opens `sessions[i]` from the state before any session ran; says why not if it cannot.
  private mutating func open(session i: Int) {
    menuSelection = nil
    guard i >= 0, i < sessions.count else {
      state.apply(
        .notice(
          sessions.isEmpty
            ? "no sessions to open (rnnscope tui FILE.rnns plays one)"
            : "no session \(i + 1): there are \(sessions.count) (L lists them)"))
      return
    }
    let script: SessionScript
    do { script = try SessionScript.load(sessions[i]) } catch {
      state.apply(.notice("error: \(error)"))
      return
    }
    presentation = nil
    state.apply(.restore(start))
    if let e = present(Presentation(script: script)) { state.apply(.notice("error: " + e)) }
  }

  public subscript<T>(dynamicMember path: KeyPath<ScopeState, T>) -> T { state[keyPath: path] }

  /// How a presentation stands, for the key map.
  public var presentationMode: KeyMap.PresentationMode {
    guard let p = presentation else { return .none }
    return p.finished ? .ended : .presenting
  }

  /// Whether a presentation has pauses to come.
  public var isPresenting: Bool { presentationMode == .presenting }

  /// One key press.
  public mutating func handle(_ key: Key) -> KeyOutcome {
    apply(
      KeyMap.action(
        for: key, state: state, presentation: presentationMode, menuOpen: menuSelection != nil))
  }

  /// Carries out one action: the presentation's here, every other by the state.
  public mutating func apply(_ action: Action) -> KeyOutcome {
    switch action {
    case .nextSession, .previousSession:
      let step = action == .nextSession ? 1 : -1
      guard let i = playing else {
        open(session: step > 0 ? 0 : sessions.count - 1)
        return .continueRunning
      }
      guard i + step >= 0, i + step < sessions.count else {
        state.apply(
          .notice(
            step > 0 ? "this is the last session (L lists them)" : "this is the first session"))
        return .continueRunning
      }
      open(session: i + step)
      return .continueRunning
    case .openSession(let i):
      open(session: i)
      return .continueRunning
    case .openSessionSelected:
      open(session: menuSelection ?? 0)
      return .continueRunning
    case .showSessions:
      guard !sessions.isEmpty else {
        state.apply(.notice("no sessions to list (rnnscope tui FILE.rnns plays one)"))
        return .continueRunning
      }
      menuSelection = playing ?? 0
      return .continueRunning
    case .moveSessionSelection(let d):
      if let m = menuSelection { menuSelection = max(0, min(sessions.count - 1, m + d)) }
      return .continueRunning
    case .closeSessions:
      menuSelection = nil
      return .continueRunning
    default: break
    }
    if action.movesThePresentation && presentation == nil {
      state.apply(.notice(ScopeState.noPresentation))
      return .continueRunning
    }
    switch action {
    case .advancePresentation:
      state.apply(.notice(nil))
      guard var p = presentation else { return .continueRunning }
      guard !p.waiting else {
        state.apply(.notice(p.waitingForTraining ? Self.trainingNotice : Self.workNotice))
        return .continueRunning
      }
      guard !p.finished else {
        // The end is inert: it says so and offers the next session; the model stays as it is.
        let next = progress?.nextSession.map { "N opens the next, \($0); " } ?? ""
        state.apply(
          .notice("the session is over: \(next)PageUp goes back a pause, R restarts, F leaves"))
        return .continueRunning
      }
      restoreIfExplored(p)
      _ = p.advance(&state)
      presentation = p
    case .previousPause: go(to: max(0, presentation!.stop - 1))
    case .restartPresentation: go(to: 0)
    case .goToPause(let n): go(to: n)
    case .leavePresentation:
      presentation = nil
      state.apply(.caption(nil))
      state.apply(.notice("free play: Space steps the model (the presentation is closed)"))
    case .submitCommandLine:
      // `present …` on the `:` line moves the presentation, which the state cannot; `export`
      // draws the screen as shown, which only the visualizer knows.
      let line = state.commandLine.text
      let parsed = CommandLanguage.parse(
        line, state: state, context: CommandContext(headless: false))
      if case .success(let move) = parsed, move.movesThePresentation {
        state.apply(.acceptCommandLine)
        return apply(move)
      }
      if case .success(.export) = parsed, case .success(let export) = parsed {
        state.apply(.acceptCommandLine)
        return apply(export)
      }
      if action.explores { explore() }
      if state.apply(action) == .quit { return .quit(exitCode: 0) }
    case .export(var r):
      // As on screen: its size (unless size= says otherwise) and the caption's progress.
      r.screen = ExportRequest.Screen(size: screenSize, progress: progress)
      state.apply(.export(r), context: CommandContext(headless: false, echo: .statusLine))
    case .stopWork:
      // Stopped by the presenter: the session waits for Space rather than running on.
      state.apply(action)
      presentation?.waitingForWork = false
    case .toggleTraining where presentation?.waitingForTraining == true,
      .stopTraining where presentation?.waitingForTraining == true:
      state.apply(action)
      presentation?.waitingForTraining = false
    case .quit(let code):
      state.apply(action)
      return .quit(exitCode: code)
    default:
      if action.explores { explore() }
      if state.apply(action) == .quit { return .quit(exitCode: 0) }
    }
    return .continueRunning
  }

  static let trainingNotice =
    "the session trains and goes on when it ends (t stops it; Space then goes on)"
  static let workNotice = "the session waits for the work under way (Esc stops it)"

  /// To stop `k` of the presentation: a stop reached before is restored as it was (stop 0, the
  /// start, runs on to the first pause); one ahead is reached by running on.
  private mutating func go(to k: Int) {
    guard var p = presentation else { return }
    if k < p.stops.count, let snapshot = p.back(to: k) {
      state.apply(.restore(snapshot))
      if k == 0 { _ = p.advance(&state) }
    } else {
      restoreIfExplored(p)
      while p.stop < k && !p.finished && !p.waiting {
        if p.advance(&state) != nil { break }
      }
    }
    presentation = p
  }

  /// The user is about to change the model or the steps: the presentation keeps the caption as
  /// shown so far, its live values as the stop's screen has them.
  private mutating func explore() {
    let s = state
    presentation?.explore { s.narration.map { CaptionValues.expand($0, s) } }
  }

  /// Explored since its stop: the story goes on from the screen the stop began with.
  private mutating func restoreIfExplored(_ p: Presentation) {
    if p.explored, let here = p.currentStop { state.apply(.restore(here)) }
  }

  /// Time passes (see `ScopeState.tick`); a presentation waiting for long work goes on once it has
  /// ended. Returns whether anything visible changed.
  public mutating func tick(seconds: Double) -> Bool {
    var changed = state.tick(seconds: seconds)
    if var p = presentation, p.waitIsOver(in: state) {
      _ = p.advance(&state)
      presentation = p
      changed = true
    }
    return changed
  }

  /// Before the process ends: no thread of the state's is left running.
  public mutating func shutDown() { state.shutDown() }
}

extension Action {
  /// Whether the action changes the model or the steps (not only the view), so that a
  /// presentation going on must first restore the screen its pause began with.
  var explores: Bool {
    switch self {
    case .cursorLeft, .cursorFirst, .cursorLast, .cursor, .changeSpeed, .focusNext, .toggleZoom,
      .unzoom, .showHelp, .closeHelp, .turnHelpPage, .skipAnimation, .showProgress,
      .openCommandLine,
      .editCommandLine, .completeCommandLine, .closeCommandLine, .notice, .none, .help, .show,
      .stopWork, .caption, .cycleMeasure, .acceptCommandLine, .view, .scrollHeatmap,
      .scrollOutput, .toggleOutput, .axis, .pin, .unpin, .findUnits, .traceUnits, .pickUnit,
      .keepUnit, .export:
      return false
    default: return true
    }
  }
}
