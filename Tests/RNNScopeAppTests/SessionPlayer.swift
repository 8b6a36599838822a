import Foundation

@testable import RNNScopeApp

/// Plays a session of Sessions/ as a lecturer does — Space at every pause, waiting for the long
/// work, the training and the animation each pause starts — and keeps what the audience sees at
/// every stop: the state and the caption with its live values expanded. For the tests that check a
/// session's claims against the engine's numbers.
struct SessionPlayer {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sessions").path

  /// One stop: the first pause is stops[0]; the end of the session the last.
  struct Stop {
    let state: ScopeState
    /// The caption as shown: `{…}` fields replaced by their values.
    let caption: String?
  }

  let stops: [Stop]

  /// Plays `name` (e.g. "06-lstm-carousel.rnns") to its end; `edit` changes its text first (to
  /// play it on another seed, say).
  init(_ name: String, edit: (String) -> String = { $0 }) throws {
    var v = Visualizer(state: try ScopeState())
    defer { v.shutDown() }
    let path = Self.folder + "/" + name
    _ = try SessionScript.load(path)  // its refusal for a missing or unreadable file
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let script = SessionScript(file: path, text: edit(text))
    if let e = v.present(Presentation(script: script)) { throw PlayError(message: e) }
    var stops: [Stop] = []
    while true {
      let deadline = Date().addingTimeInterval(600)
      while v.work != nil || v.presentation?.waiting == true || v.isAnimating,
        Date() < deadline
      {
        if v.tick(seconds: 0.05) == false { usleep(2000) }
      }
      if let m = v.message, m.hasPrefix("error") { throw PlayError(message: m) }
      let caption = v.narration.map { CaptionValues.expand($0, v.state) }
      stops.append(Stop(state: v.state, caption: caption))
      guard v.presentation?.finished == false else { break }
      _ = v.handle(.char(" "))
    }
    self.stops = stops
  }

  struct PlayError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
  }
}
