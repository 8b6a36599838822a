import RNNCore
import RNNViews

/// The visualizer as a whole: the state, and the presentation that drives it (a session played
/// pause by pause). Keys become actions here (`KeyMap`); the presentation's own action — Space: on
/// to the next pause — is carried out here, every other by the state's `apply`. Reads as its state
/// (`visualizer.stepsTaken`).
@dynamicMemberLookup
public struct Visualizer: Sendable {
  public internal(set) var state: ScopeState
  public internal(set) var presentation: Presentation?

  /// A visualizer over `state`, which a frame loop drives from now on: long work runs in slices
  /// between frames (`ScopeState.interactive`).
  public init(state: ScopeState, presentation: Presentation? = nil) {
    self.state = state
    self.state.interactive = true
    self.presentation = presentation
  }

  /// Plays `p`, running its lines to the first pause; returns an error as FILE:LINE: message.
  public mutating func present(_ p: Presentation) -> String? {
    var p = p
    let error = p.advance(&state)
    presentation = p
    return error
  }

  public subscript<T>(dynamicMember path: KeyPath<ScopeState, T>) -> T { state[keyPath: path] }

  /// Whether a presentation has pauses to come.
  public var isPresenting: Bool { presentation.map { !$0.finished } ?? false }

  /// One key press.
  public mutating func handle(_ key: Key) -> KeyOutcome {
    apply(KeyMap.action(for: key, state: state, presenting: isPresenting))
  }

  /// Carries out one action: the presentation's here, every other by the state.
  public mutating func apply(_ action: Action) -> KeyOutcome {
    switch action {
    case .advancePresentation:
      state.apply(.notice(nil))
      guard var p = presentation else { return .continueRunning }
      _ = p.advance(&state)
      presentation = p
    case .stopWork:
      state.apply(action)
      presentation?.waitingForWork = false
    case .quit(let code):
      state.apply(action)
      return .quit(exitCode: code)
    default:
      if state.apply(action) == .quit { return .quit(exitCode: 0) }
    }
    return .continueRunning
  }

  /// Time passes (see `ScopeState.tick`); a presentation waiting for long work goes on once it has
  /// ended. Returns whether anything visible changed.
  public mutating func tick(seconds: Double) -> Bool {
    var changed = state.tick(seconds: seconds)
    if state.work == nil, var p = presentation, p.waitingForWork {
      p.waitingForWork = false
      _ = p.advance(&state)
      presentation = p
      changed = true
    }
    return changed
  }

  /// Before the process ends: no thread of the state's is left running.
  public mutating func shutDown() { state.shutDown() }
}
