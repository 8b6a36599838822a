/// What an action did, for whoever asked: the status line, the REPL's output, a presentation.
public enum CommandResult: Equatable, Sendable {
  case message(String)
  case error(String)
  /// Narration for the caption (the visualizer) or the output (headless).
  case say(String)
  /// A presentation stops here until Space.
  case pause
  case quit
}
