import Foundation
import Testing

@testable import RNNScopeApp
@testable import RNNViews

/// A session recorded headless (`rnnscope record`): a valid asciicast v2 stream, a marker at each
/// pause labelled from its caption, a clock made from the pace, the same events every time, and
/// output that draws the last screen recorded exactly.
@Suite(.serialized) struct RecordingTests {
  static let lesson = """
    task echo length=10 delay=2
    model hidden=4
    say The first pause: nothing trained yet.
    pause
    train 20
    say Trained {trained} steps, and the pause after the training shows the trained model.
    pause
    step 3
    backward animate
    say The end, after a backward pass.
    """

  /// Records `text` as a session file at 80×24 and returns its lines and the outcome.
  func record(_ text: String = lesson, pace: Double = 2) throws -> (
    lines: [String], outcome: SessionRecording.Outcome, script: SessionScript
  ) {
    let script = SessionScript(file: "/tmp/lesson.rnns", text: text)
    var lines: [String] = []
    var recorder = CastRecorder(
      header: CastRecorder.Header(
        timestamp: 0, title: "lesson", command: "rnnscope tui lesson.rnns",
        env: [("TERM", "xterm-256color"), ("SHELL", "/bin/sh")]),
      write: { lines.append($0) })
    var r = SessionRecording()
    r.width = 80
    r.height = 24
    r.pace = pace
    let outcome = try r.record(script, from: try ScopeState(), into: &recorder)
    return (lines, outcome, script)
  }

  func json(_ line: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
  }

  @Test func everyLineIsJSONTheHeaderHasItsFieldsAndTimeNeverGoesBack() throws {
    let (lines, outcome, _) = try record()
    let header = try #require(try json(lines[0]) as? [String: Any])
    #expect(header["version"] as? Int == 2)
    #expect(header["width"] as? Int == 80)
    #expect(header["height"] as? Int == 24)
    #expect(header["timestamp"] as? Int == 0)
    #expect(header["title"] as? String == "lesson")
    #expect(header["command"] as? String == "rnnscope tui lesson.rnns")
    let env = try #require(header["env"] as? [String: String])
    #expect(env == ["TERM": "xterm-256color", "SHELL": "/bin/sh"])
    var last = -1.0
    for line in lines.dropFirst() {
      let e = try #require(try json(line) as? [Any], "\(line)")
      #expect(e.count == 3)
      let t = try #require(e[0] as? Double)
      let code = try #require(e[1] as? String)
      #expect(e[2] is String)
      #expect(["o", "m"].contains(code), "headless at one size: no resize")
      #expect(t >= last, "time went back: \(t) after \(last)")
      last = t
    }
    #expect(abs(last - outcome.duration) < 1e-6)
  }

  @Test func aMarkerAtEachPauseLabelledWithItsCaptionHeldForThePace() throws {
    let pace = 2.5
    let (lines, outcome, script) = try record(pace: pace)
    let markers = try lines.dropFirst().compactMap { line -> (Double, String)? in
      let e = try #require(try json(line) as? [Any])
      guard e[1] as? String == "m" else { return nil }
      return (e[0] as! Double, e[2] as! String)
    }
    #expect(Presentation(script: script).pauses == 2)
    #expect(markers.count == 2)
    #expect(outcome.markers == 2 && outcome.pauses == 2)
    #expect(markers.first?.1 == "The first pause: nothing trained yet.")
    // The caption's live value expanded, cut at a word within 48 characters.
    #expect(markers.last?.1 == "Trained 20 steps, and the pause after the…")
    #expect(markers.first?.0 == 0)
    // The first pause held for the pace, then the training's second (workSeconds).
    #expect(abs(markers[1].0 - (pace + 1)) < 1e-6)
    // The end held for the pace too, after the backward walk's frames.
    #expect(outcome.duration > 2 * pace + 1 + pace)
  }

  @Test func theSameSessionRecordsTheSameEvents() throws {
    let a = try record().lines
    let b = try record().lines
    #expect(a == b)
    // The backward walk is animated: several frames between the second pause and the end.
    let outputs = a.filter { $0.contains(", \"o\", ") }.count
    #expect(outputs > 5, "\(outputs) output events")
  }

  @Test func trainingFramesShowTrainingOnItsWayAndEndOnTheSameModel() throws {
    // Long enough a training for frames on the way, at a size whose title says the step.
    let text = Self.lesson.replacingOccurrences(of: "train 20", with: "train 200")
      .replacingOccurrences(of: "hidden=4", with: "hidden=16")
    let script = SessionScript(file: "/tmp/lesson.rnns", text: text)
    func play(frames: Double?) throws -> ([String], SessionRecording.Outcome) {
      var lines: [String] = []
      var recorder = CastRecorder(header: .init(timestamp: 0), write: { lines.append($0) })
      var r = SessionRecording()
      r.trainingFrames = frames
      let outcome = try r.record(script, from: try ScopeState(), into: &recorder)
      return (lines, outcome)
    }
    let plain = try play(frames: nil).1
    let (lines, outcome) = try play(frames: 0.05)
    // Replayed frame by frame: between the first pause's marker and the second's, the title
    // says training is under way at a step short of the 300.
    var screen = VTScreen(width: 120, height: 40)
    var markers = 0
    var onTheWay: [Int] = []
    for line in lines.dropFirst() {
      let e = try #require(try json(line) as? [Any])
      if e[1] as? String == "m" { markers += 1 }
      guard e[1] as? String == "o" else { continue }
      screen.feed(e[2] as! String)
      let title = screen.grid.rowText(0)
      if markers == 1, let r = title.range(of: "training step ") {
        let n = Int(title[r.upperBound...].prefix { $0.isNumber }) ?? -1
        onTheWay.append(n)
      }
    }
    #expect(onTheWay.contains { $0 > 0 && $0 < 300 }, "steps shown: \(onTheWay)")
    // The same trained model, whatever the frames: the same last screen as without them.
    #expect(outcome.grid == plain.grid)
  }

  @Test func theOutputDrawsTheLastScreenExactly() throws {
    let (lines, outcome, _) = try record()
    var screen = VTScreen(width: 80, height: 24)
    for line in lines.dropFirst() {
      let e = try #require(try json(line) as? [Any])
      if e[1] as? String == "o" { screen.feed(e[2] as! String) }
    }
    #expect(screen.grid.text == outcome.grid.text)
    #expect(screen.grid == outcome.grid, "the colours and bold too")
    #expect(outcome.grid.text.contains("The end, after a backward pass."))
  }

  @Test func aRealSessionHasAMarkerAtEachPauseWithTheCaptionShownThere() throws {
    let name = "02-bptt-vanishing.rnns"
    let played = try SessionPlayer(name)
    let script = try SessionScript.load(SessionPlayer.folder + "/" + name)
    var labels: [String] = []
    var recorder = CastRecorder(
      header: .init(),
      write: { line in
        if line.contains(", \"m\", "),
          let e = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any]
        {
          labels.append(e[2] as! String)
        }
      })
    var r = SessionRecording()
    r.pace = 0
    let outcome = try r.record(script, from: try ScopeState(), into: &recorder)
    let pauses = Presentation(script: script).pauses
    #expect(pauses == 4)
    #expect(labels.count == pauses && outcome.markers == pauses)
    // stops[k] is pause k + 1 as a lecturer sees it: its caption, expanded.
    let expected = played.stops.prefix(pauses).map { CastRecorder.label($0.caption, pause: 0) }
    #expect(labels == expected)
    #expect(outcome.grid.text.contains("end of the session"))
  }

  @Test func aLabelIsTheCaptionsFirstWords() {
    #expect(CastRecorder.label(nil, pause: 3) == "pause 3")
    #expect(CastRecorder.label("  ", pause: 1) == "pause 1")
    #expect(CastRecorder.label("One  two\nthree", pause: 1) == "One two three")
    #expect(CastRecorder.label("abc defgh ijk", pause: 1, limit: 9) == "abc defgh…")
    #expect(CastRecorder.label("abcdefghijk", pause: 1, limit: 4) == "abcd…")
  }

  @Test func aCastFileIsAppendedLineByLineAndNeverReplacedUnasked() throws {
    let path = NSTemporaryDirectory() + "rnnscope-cast-\(getpid())-\(UUID().uuidString).cast"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let f = try CastFile(path: path, overwrite: false)
    try f.append("{\"version\": 2, \"width\": 1, \"height\": 1}")
    // In the file as soon as it is written: a crash now leaves this line.
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("1}\n"))
    try f.append("[0.000000, \"o\", \"x\"]")
    f.close()
    #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 2)
    #expect(throws: CastFile.Failure.self) { try CastFile(path: path, overwrite: false) }
    do { _ = try CastFile(path: path, overwrite: false) } catch let e as CastFile.Failure {
      #expect(e.description == "\(path) exists (--force overwrites it)")
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8).count > 0, "left as it was")
    let g = try CastFile(path: path, overwrite: true)
    g.close()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "")
  }
}

/// Just enough of a VT terminal to replay a recording's output: CUP, ED 2, SGR (0, 1, 38;2, 48;2),
/// the cursor's visibility, and text one cell a character.
struct VTScreen {
  var grid: CellGrid
  var x = 0
  var y = 0
  var style = Cell()

  init(width: Int, height: Int) { grid = CellGrid(width: width, height: height) }

  mutating func feed(_ s: String) {
    let u = Array(s.unicodeScalars)
    var i = 0
    while i < u.count {
      guard u[i] == "\u{1B}", i + 1 < u.count, u[i + 1] == "[" else {
        grid[x, y] = Cell(u[i], fg: style.fg, bg: style.bg, bold: style.bold)
        x += 1
        i += 1
        continue
      }
      var j = i + 2
      var params = ""
      while j < u.count, !(0x40...0x7e).contains(u[j].value) {
        params.unicodeScalars.append(u[j])
        j += 1
      }
      apply(u[j], params)
      i = j + 1
    }
  }

  mutating func apply(_ final: Unicode.Scalar, _ params: String) {
    let n = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
    switch final {
    case "H":
      y = max(1, n.first ?? 1) - 1
      x = max(1, n.count > 1 ? n[1] : 1) - 1
    case "J" where params == "2": grid = CellGrid(width: grid.width, height: grid.height)
    case "m":
      var k = 0
      while k < n.count {
        switch n[k] {
        case 0: style = Cell()
        case 1: style.bold = true
        case 38, 48:
          let c = TermColor.rgb(RGB(UInt8(n[k + 2]), UInt8(n[k + 3]), UInt8(n[k + 4])))
          if n[k] == 38 { style.fg = c } else { style.bg = c }
          k += 4
        default: Issue.record("SGR \(n[k]) unexpected")
        }
        k += 1
      }
    case "l", "h": #expect(params == "?25")
    default: Issue.record("unexpected sequence \(params)\(final)")
    }
  }
}
