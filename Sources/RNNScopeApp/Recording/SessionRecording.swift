import Foundation
import RNNViews

/// Plays a session headless, as a presenter does — Space at every pause once what the pause
/// started (long work, training, the backward walk) has ended — and records every frame the
/// visualizer would draw at a fixed size. The recording's clock is made, not measured: each pause
/// is held `pace` seconds, the backward walk moves at the visualizer's speed in frames of
/// 1/`frameRate` s, and a wait for long work or training takes `workSeconds`, shown as the frame
/// it began with and the frame it ended with. So the same session and options give the same
/// events, unless `trainingFrames` asks for frames on the way (the training itself runs on its
/// thread as in the visualizer, and the model it ends with is the same whatever the timing).
public struct SessionRecording {
  public var width = 120
  public var height = 40
  public var pace = 4.0
  public var frameRate = 10.0
  public var workSeconds = 1.0
  public var theme = Theme()
  /// Frames while a pause trains too, one each this many wall-clock seconds at most (and as
  /// many seconds of the recording): the loss curve as it grows. Then the file is not the same
  /// from run to run (how far training has got at each frame varies); nil: none.
  public var trainingFrames: Double? = nil
  /// The longest a session may keep the recorder waiting (wall-clock seconds).
  public var timeout = 900.0

  public init() {}

  /// What a recording ended with.
  public struct Outcome {
    /// The last screen recorded.
    public let grid: CellGrid
    /// The session's pauses, and the markers written.
    public let pauses: Int
    public let markers: Int
    /// The recording's length in seconds.
    public let duration: Double
  }

  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  /// Plays `script` from `state` into `recorder`.
  public func record(
    _ script: SessionScript, from state: ScopeState, into recorder: inout CastRecorder
  )
    throws -> Outcome
  {
    var v = Visualizer(state: state)
    defer { v.shutDown() }
    if let e = v.present(Presentation(script: script)) { throw Failure(description: e) }
    var clock = 0.0
    var frame: ScopeFrame? = nil
    var grid = CellGrid(width: 0, height: 0)
    func show() throws {
      let next = ScopeFrame(
        v.state, presentation: v.progress, menu: v.menu, width: width, height: height,
        previous: frame)
      grid = ScopeScreen.render(next, theme: theme)
      try recorder.frame(grid, at: clock)
      try recorder.markPause(v, frame: next, at: clock)
      frame = next
    }
    try show()
    let deadline = Date().addingTimeInterval(timeout)
    var nextTrainingFrame = Date.distantPast
    while true {
      // What the pause started, to its end.
      var waited = false
      while v.work != nil || v.presentation?.waiting == true || v.isAnimating {
        guard Date() < deadline else {
          throw Failure(description: "the session was still busy after \(Int(timeout)) s")
        }
        let working = v.work != nil || v.isTraining || v.isReplaying
        if working {
          // Long work and training take the time they take; the recording shows their end
          // (and, if asked, training on its way).
          waited = true
          let changed = v.tick(seconds: 0)
          if let every = trainingFrames, changed, v.isTraining, Date() >= nextTrainingFrame {
            nextTrainingFrame = Date().addingTimeInterval(every)
            clock += every
            try show()
          }
          if !changed { usleep(2000) }
          continue
        }
        if waited {
          clock += workSeconds
          waited = false
          try show()
          continue
        }
        clock += 1 / frameRate
        if v.tick(seconds: 1 / frameRate) { try show() }
      }
      if waited {
        clock += workSeconds
        try show()
      }
      // A line the session could not run: shown as the tui shows it, held, and the recording
      // fails.
      if let m = v.message, m.hasPrefix("error") {
        try recorder.finish(at: clock + pace)
        throw Failure(description: m)
      }
      clock += pace
      guard v.presentation?.finished == false else { break }
      _ = v.handle(.char(" "))
      try show()
    }
    try recorder.finish(at: clock)
    return Outcome(
      grid: grid, pauses: v.presentation?.pauses ?? 0, markers: recorder.markers,
      duration: recorder.time)
  }
}
