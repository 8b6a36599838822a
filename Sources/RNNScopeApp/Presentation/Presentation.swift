import Foundation
import RNNCore

/// A session played as a presentation: its commands run until a `pause`; Space goes on. It drives
/// the state from outside — each line parsed into an action and applied — and keeps where it
/// stands in the script and the state at each stop it reached (the start, every pause, the end),
/// so that it can go back to one.
public struct Presentation: Sendable {
  /// Where the presentation stood once: the next line to run, the pauses passed, the state.
  struct Stop: Sendable {
    let next: Int
    let pausesPassed: Int
    let snapshot: Snapshot
  }

  public let script: SessionScript
  public internal(set) var next = 0
  public var finished: Bool { next >= script.lines.count }
  public var pauses: Int { script.lines.filter { $0.text.lowercased() == "pause" }.count }
  public internal(set) var pausesPassed = 0
  /// A command started long work (see `LongWork`): the next commands run when it ends.
  public internal(set) var waitingForWork = false
  /// A `train N` started training in the background: the next commands run when it has trained
  /// its N steps and the tape shows the trained model, so the pause after it shows the result.
  public internal(set) var waitingForTraining = false
  /// Waiting for long work or for training before the next commands run.
  public var waiting: Bool { waitingForWork || waitingForTraining }
  /// The stops reached, in order: stops[0] the start, stops[k] the k-th pause, then the end.
  private(set) var stops: [Stop] = []
  /// Which of `stops` the presentation stands at.
  private(set) var stop = 0
  /// The user changed the model or the steps since this stop: going on first restores it, so the
  /// story goes on from the screen the pause began with.
  private(set) var explored = false
  /// The caption as it stood when the user began to change things, its live values fixed then:
  /// they were true of the stop's screen, and the text may say what the change made untrue
  /// ("untrained", before `t`).
  private(set) var pauseCaption: String?
  /// What `say` lines have said since the last stop: several before a pause make one caption.
  private var said: String?

  public init(script: SessionScript) { self.script = script }

  /// Where the presentation stands, for the caption.
  public var progress: PresentationProgress {
    PresentationProgress(
      pausesPassed: pausesPassed, pauses: pauses, finished: finished,
      pauseCaption: explored ? pauseCaption ?? "" : nil)
  }

  /// The user changes the model or the steps; `caption` is the caption shown until now (asked
  /// for only when the stop is left as it was).
  mutating func explore(caption: () -> String?) {
    guard !explored else { return }
    explored = true
    pauseCaption = caption()
  }

  /// The snapshot of the stop the presentation stands at, if it has reached one.
  var currentStop: Snapshot? { stop < stops.count ? stops[stop].snapshot : nil }

  /// Stop `k` (if reached): its state, to restore, with the presentation set back to it.
  mutating func back(to k: Int) -> Snapshot? {
    guard k >= 0, k < stops.count else { return nil }
    stop = k
    said = nil
    next = stops[k].next
    pausesPassed = stops[k].pausesPassed
    waitingForWork = false
    waitingForTraining = false
    explored = false
    pauseCaption = nil
    return stops[k].snapshot
  }

  /// Keeps `s` as the stop just reached; stops after it (a way taken before going back) go.
  private mutating func reached(_ s: ScopeState) {
    let index = stops.isEmpty ? 0 : stop + 1
    stops.removeSubrange(min(index, stops.count)...)
    stops.append(Stop(next: next, pausesPassed: pausesPassed, snapshot: s.snapshot(id: index)))
    stop = index
    explored = false
    pauseCaption = nil
    said = nil
  }

  /// Whether what it waits for has ended in `s`: long work, or the training a `train N` began
  /// together with the replay of the steps with the trained model.
  func waitIsOver(in s: ScopeState) -> Bool {
    if waitingForWork { return s.work == nil }
    if waitingForTraining { return !s.isTraining && !s.isReplaying }
    return false
  }

  /// Runs commands up to the next pause (or the end). Returns an error as FILE:LINE: message (the
  /// state's status line says it too).
  public mutating func advance(_ s: inout ScopeState) -> String? {
    if stops.isEmpty { reached(s) }
    waitingForWork = false
    waitingForTraining = false
    let directory = URL(fileURLWithPath: script.file).deletingLastPathComponent().path
    while next < script.lines.count {
      let (number, text) = script.lines[next]
      next += 1
      let location = "\(script.file):\(number)"
      let context = CommandContext(
        headless: false, directory: directory, echo: .presentation(location: location))
      let parsed = CommandLanguage.parse(text, state: s, context: context)
      // `quit` in a session ends the presentation, not the program: the state stays as it is.
      if case .success(.quit) = parsed {
        next = script.lines.count
        reached(s)
        return nil
      }
      switch CommandLanguage.apply(parsed, on: &s, context: context) {
      case .pause:
        pausesPassed += 1
        reached(s)
        return nil
      case .error(let e):
        next = script.lines.count
        return "\(location): \(e)"
      case .say(let t):
        // A second `say` before the pause adds to the caption instead of replacing it.
        if let before = said {
          said = before + " " + t
          s.apply(.caption(said))
        } else {
          said = t
        }
      case .message, .quit: break  // quit was met before it was applied
      }
      if s.work != nil {
        waitingForWork = true
        return nil
      }
      if case .success(.train(steps: .some)) = parsed, s.isTraining {
        waitingForTraining = true
        return nil
      }
    }
    reached(s)
    return nil
  }
}
