import RNNViews

/// Records the screen as an asciicast v2 stream, from the cell grids the visualizer draws (never
/// from the terminal): the header with the first frame's size, the first frame whole, then only
/// the cells each frame changed; a resize event when the size changes; a marker where a
/// presentation reaches a pause, labelled with the caption's first words. Each line goes to
/// `write` as it is made. Times never go backwards.
public struct CastRecorder {
  /// The header's fields besides the size (which is the first frame's).
  public struct Header: Sendable {
    public var timestamp: Int?
    public var title: String?
    public var command: String?
    public var env: [(String, String)]
    public init(
      timestamp: Int? = nil, title: String? = nil, command: String? = nil,
      env: [(String, String)] = []
    ) {
      self.timestamp = timestamp
      self.title = title
      self.command = command
      self.env = env
    }
  }

  private let header: Header
  private let write: (String) throws -> Void
  private var previous: CellGrid?
  /// The time of the last event.
  public private(set) var time: Double = 0
  /// The markers written.
  public private(set) var markers = 0
  /// The pause the last marker was for: a session file and how many pauses it had passed.
  private var markedPause: String?

  public init(header: Header, write: @escaping (String) throws -> Void) {
    self.header = header
    self.write = write
  }

  /// The screen is `grid` from `t` on: the header first (with its size), then what changed.
  public mutating func frame(_ grid: CellGrid, at t: Double) throws {
    let t = max(t, time)
    guard let old = previous else {
      try write(
        Asciicast.header(
          width: grid.width, height: grid.height, timestamp: header.timestamp,
          title: header.title, command: header.command, env: header.env))
      try write(Asciicast.output(t, ANSIScreen.hideCursor + ANSIScreen.full(grid)))
      previous = grid
      time = t
      return
    }
    if old.width != grid.width || old.height != grid.height {
      try write(Asciicast.resize(t, width: grid.width, height: grid.height))
      time = t
    }
    let data = ANSIScreen.diff(from: old, to: grid)
    previous = grid
    guard !data.isEmpty else { return }
    try write(Asciicast.output(t, data))
    time = t
  }

  /// A marker at `t` if `v`'s presentation has just reached a pause it was not marked at (the
  /// pause a presenter went back to is marked again); `frame` is the frame on screen, whose
  /// caption the label quotes. Nothing before the first frame.
  public mutating func markPause(_ v: Visualizer, frame: ScopeFrame, at t: Double) throws {
    guard previous != nil, let p = v.presentation, !p.waiting, p.pausesPassed > 0 else { return }
    let key = "\(p.script.file)#\(p.pausesPassed)"
    guard key != markedPause else { return }
    markedPause = key
    let caption = v.narration.map { CaptionValues.expand($0, v.state, spectrum: frame.spectrum) }
    let t = max(t, time)
    try write(Asciicast.marker(t, Self.label(caption, pause: p.pausesPassed)))
    time = t
    markers += 1
  }

  /// The end at `t`: the attributes reset and the cursor shown again, at the start of the last
  /// row (where a shell's prompt then goes, after `asciinema cat`).
  public mutating func finish(at t: Double) throws {
    guard let g = previous else { return }
    let t = max(t, time)
    try write(Asciicast.output(t, ANSIScreen.restore + "\u{1B}[\(g.height);1H"))
    time = t
  }

  /// A marker's label: the caption's first words, up to `limit` characters (cut at a word, "…"
  /// where it goes on); "pause N" without a caption.
  public static func label(_ caption: String?, pause: Int, limit: Int = 48) -> String {
    let words = (caption ?? "").split(whereSeparator: { $0.isWhitespace })
    guard !words.isEmpty else { return "pause \(pause)" }
    var out = ""
    for w in words {
      let next = out.isEmpty ? String(w) : out + " " + w
      if next.count > limit {
        if out.isEmpty { out = String(w.prefix(limit)) }
        return out + "…"
      }
      out = next
    }
    return out
  }
}
