import Foundation
import RNNCore

/// A session played as a presentation: its commands run until a `pause`; Space goes on. It drives
/// the state from outside — each line parsed into an action and applied — and keeps only where it
/// stands in the script.
public struct Presentation: Sendable {
  public let script: SessionScript
  public private(set) var next = 0
  public var finished: Bool { next >= script.lines.count }
  public var pauses: Int { script.lines.filter { $0.text.lowercased() == "pause" }.count }
  public private(set) var pausesPassed = 0
  /// A command started long work (see `LongWork`): the next commands run when it ends.
  public internal(set) var waitingForWork = false

  public init(script: SessionScript) { self.script = script }

  /// Where the presentation stands, for the caption.
  public var progress: PresentationProgress {
    PresentationProgress(pausesPassed: pausesPassed, pauses: pauses, finished: finished)
  }

  /// Runs commands up to the next pause (or the end). Returns an error as FILE:LINE: message (the
  /// state's status line says it too).
  public mutating func advance(_ s: inout ScopeState) -> String? {
    let directory = URL(fileURLWithPath: script.file).deletingLastPathComponent().path
    while next < script.lines.count {
      let (number, text) = script.lines[next]
      next += 1
      let location = "\(script.file):\(number)"
      let context = CommandContext(
        headless: false, directory: directory, echo: .presentation(location: location))
      // `quit` in a session ends the presentation, not the program: the state stays as it is.
      if case .success(.quit) = CommandLanguage.parse(text, state: s, context: context) {
        next = script.lines.count
        return nil
      }
      switch CommandLanguage.execute(text, on: &s, context: context) {
      case .pause:
        pausesPassed += 1
        return nil
      case .error(let e):
        next = script.lines.count
        return "\(location): \(e)"
      case .quit:
        next = script.lines.count
        return nil
      case .say, .message: break
      }
      if s.work != nil {
        waitingForWork = true
        return nil
      }
    }
    return nil
  }
}
