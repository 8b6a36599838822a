import RNNViews

/// `export svg|csv FILE [panel=NAME] [size=COLSxROWS] [theme=dark|light]`.
struct ExportCommand: Command {
  static let panelNames = PanelID.allCases.map(\.rawValue) + ["screen"]
  static let panel = CommandOption.oneOf("panel", panelNames, as: "NAME").meaning(
    "a panel, or screen for the whole screen; svg without it draws the screen; csv needs a panel"
      + " (any but readout)")
  static let size = CommandOption.word("size", as: "COLSxROWS").meaning(
    "the size in cells to draw the screen at, from \(ScopeLayout.minWidth)x"
      + "\(ScopeLayout.minHeight) (e.g. 120x40); without it the visualizer's own, else (headless,"
      + " and in a session file) \(ExportRequest.headlessSize.columns)x"
      + "\(ExportRequest.headlessSize.rows)")
  static let theme = CommandOption.oneOf("theme", SVGTheme.all.map(\.name)).meaning(
    "the colours of the terminal's own text and background in the picture (dark by default)")
  static let definition = CommandDefinition(
    name: "export", arguments: "svg|csv FILE",
    help:
      "write the screen or a panel as an SVG picture (exact colours; E in the visualizer: the"
      + " focused panel to rnnscope-DATE-TIME.svg), or a panel's numbers as CSV (a header row, t"
      + " from 1, full precision); FILE is written atomically, a relative name in the folder"
      + " rnnscope runs in (a session file's: its folder)",
    options: [panel, size, theme], words: ExportRequest.Format.allCases.map(\.rawValue),
    examples: [
      "export svg figure.svg panel=heatmap size=100x30 theme=light", "export svg screen.svg",
      "export csv gradients.csv panel=gradient",
    ])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    guard w.positional.count >= 2,
      let format = ExportRequest.Format(rawValue: w.positional[0].lowercased())
    else { throw w.usageError }
    let path = w.context.path(w.positional[1...].joined(separator: " "))
    let name = try w.choice(panel, panelNames.map(PanelName.init), "panel")
    let target = name.flatMap { PanelID(rawValue: $0.rawValue) }
    if format == .csv && target == nil {
      let names = PanelID.allCases.map(\.rawValue).joined(separator: ", ")
      throw CommandError("export csv needs panel=NAME (one of \(names))")
    }
    var request = ExportRequest(
      format: format, path: path, panel: target,
      theme: try w.choice(theme, SVGTheme.all.map { PanelName(rawValue: $0.name) }, "theme")
        .flatMap { SVGTheme.named($0.rawValue) } ?? .dark)
    if let v = w.options[size.name] { request.size = try parseSize(v) }
    return .export(request)
  }

  /// "120x40" → 120 columns, 40 rows, within the sizes the screen draws at.
  static func parseSize(_ v: String) throws -> ExportRequest.Size {
    let parts = v.lowercased().split(separator: "x", omittingEmptySubsequences: false)
    let most = 1000
    guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]),
      (ScopeLayout.minWidth...most).contains(c), (ScopeLayout.minHeight...most).contains(r)
    else {
      throw CommandError(
        "size must be COLSxROWS, from \(ScopeLayout.minWidth)x\(ScopeLayout.minHeight)"
          + " to \(most)x\(most) (got \(v))")
    }
    return ExportRequest.Size(columns: c, rows: r)
  }

  /// A word `choice` can match.
  struct PanelName: RawRepresentable {
    var rawValue: String
  }
}
