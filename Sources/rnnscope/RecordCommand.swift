import ArgumentParser
import Foundation
import RNNScopeApp
import RNNViews

struct RecordCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract: "Record a session headless as an asciicast v2 file (asciinema play FILE replays it).",
    discussion: """
      Plays the session as a presenter does — Space at each pause once its training or animation \
      has ended — without a terminal, at the size given, and writes every frame the visualizer \
      would draw, with a marker ("m") at each pause labelled with the caption's first words. The \
      clock is the pace, not the wall clock, so the same command writes the same file; the \
      header's timestamp is $SOURCE_DATE_EPOCH when set, else now. An existing FILE is refused \
      unless --force. `rnnscope tui --record FILE` records a live session instead.
      """
  )

  @Argument(help: "The session file (.rnns) to play.") var session: String
  @Argument(help: "The recording to write (.cast).") var file: String
  @Option(help: "The screen's size, COLSxROWS.") var size: String = "120x40"
  @Option(help: "Seconds each pause is held (and the end).") var pace: Double = 4
  @Option(help: "The recording's title (default: the session's file name).") var title: String?
  @Option(
    help: ArgumentHelp(
      "Also record training on its way, a frame at most every SECONDS of the wall clock.",
      discussion: """
        The loss curve grows in the recording as it does on screen; the file is then not the \
        same from run to run (where training has got at each frame varies).
        """, valueName: "seconds"))
  var trainingFrames: Double?
  @Flag(help: "Overwrite FILE if it exists.") var force = false
  @Flag(help: "No colour: the screen as the visualizer draws it without colours.")
  var noColor = false
  @OptionGroup var start: StartingModel

  func validate() throws {
    guard parsedSize != nil else {
      throw ValidationError(
        "--size must be COLSxROWS from \(ScopeLayout.minWidth)x\(ScopeLayout.minHeight) (the "
          + "screen's least) to 1000x500, e.g. 120x40 (got '\(size)')")
    }
    if let f = trainingFrames, !(f.isFinite && f >= 0.05 && f <= 60) {
      throw ValidationError("--training-frames must be between 0.05 and 60 seconds (got \(f))")
    }
    guard pace.isFinite, pace >= 0, pace <= 3600 else {
      throw ValidationError("--pace must be between 0 and 3600 seconds (got \(pace))")
    }
  }

  var parsedSize: (width: Int, height: Int)? {
    let parts = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
      (ScopeLayout.minWidth...1000).contains(w), (ScopeLayout.minHeight...500).contains(h)
    else { return nil }
    return (w, h)
  }

  func run() throws {
    let script: SessionScript
    do { script = try SessionScript.load(session) } catch let e as SessionScript.Invalid {
      printError("rnnscope record: \(e.description)")
      throw ExitCode(1)
    }
    if isSameFile(file, session) {
      printError("rnnscope record: \(file) is the session file; name another for the recording")
      throw ExitCode(1)
    }
    let state = try start.state(command: "record")
    let cast: CastFile
    do { cast = try CastFile(path: file, overwrite: force) } catch let e as CastFile.Failure {
      printError("rnnscope record: \(e.description)")
      throw ExitCode(1)
    }
    defer { cast.close() }
    var recording = SessionRecording()
    (recording.width, recording.height) = parsedSize!
    recording.pace = pace
    recording.trainingFrames = trainingFrames
    recording.theme = Theme(glyphs: .unicode, color: !noColor)
    let env = ProcessInfo.processInfo.environment
    // What a replay is meant for, fixed so that the file does not depend on who wrote it.
    var header = CastRecorder.Header(
      title: title ?? SessionScript.name(session), command: "rnnscope tui \(session)",
      env: [("TERM", "xterm-256color"), ("SHELL", "/bin/sh")])
    header.timestamp =
      env["SOURCE_DATE_EPOCH"].flatMap { Int($0) } ?? Int(Date().timeIntervalSince1970)
    var recorder = CastRecorder(header: header, write: cast.append)
    do {
      let o = try recording.record(script, from: state, into: &recorder)
      print(
        "wrote \(file): \(recording.width)x\(recording.height), \(o.markers) markers for "
          + "\(o.pauses) pauses, \(String(format: "%.1f", o.duration)) s")
    } catch let e as SessionRecording.Failure {
      printError("rnnscope record: \(e.description)")
      throw ExitCode(1)
    } catch let e as CastFile.Failure {
      printError("rnnscope record: \(e.description)")
      throw ExitCode(1)
    }
  }
}

/// Whether `a` and `b` name one existing file (the same device and inode), so that a recording
/// never replaces the session it plays.
func isSameFile(_ a: String, _ b: String) -> Bool {
  var sa = stat()
  var sb = stat()
  guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
}
