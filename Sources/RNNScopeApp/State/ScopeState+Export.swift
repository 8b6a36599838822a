import Foundation
import RNNFormats
import RNNViews

/// `export`: a picture of the screen or of one panel (SVG), or a panel's numbers (CSV), written
/// atomically.
extension ScopeState {
  /// Writes what `r` asks for; relative names and the default name are taken from `directory`.
  mutating func export(_ r: ExportRequest, directory: String) throws -> CommandResult {
    let path = r.path ?? Self.defaultExportPath(in: directory, format: r.format)
    let text: String
    let what: String
    switch r.format {
    case .svg:
      let size = r.renderSize
      let frame = ScopeFrame(
        self, presentation: r.screen?.progress, width: size.columns, height: size.rows)
      var rect: Rect? = nil
      if let id = r.panel {
        guard let placed = frame.layout?.panels[id] else {
          throw CommandError(
            "the \(id.rawValue) panel is not on the screen at \(size.columns)x\(size.rows)"
              + " (view \(id.rawValue) brings it on; or a larger size=)")
        }
        rect = placed
      }
      // The truecolor theme, whatever the terminal shows: the picture has the exact colours.
      let grid = ScopeScreen.render(frame, theme: r.theme.drawing(Theme()))
      text = SVGWriter.svg(grid, rect: rect, theme: r.theme)
      let cells = rect.map { "\($0.width)x\($0.height)" } ?? "\(size.columns)x\(size.rows)"
      what = (r.panel.map { "the \($0.rawValue) panel" } ?? "the screen") + " (\(cells) cells)"
    case .csv:
      guard let id = r.panel else { throw CommandError("export csv needs panel=NAME") }
      text = try PanelCSV.csv(self, panel: id)
      what = "the \(id.rawValue) panel's numbers"
    }
    try writeAtomically(Data(text.utf8), to: path)
    return .message("exported \(what) to \(path)")
  }

  /// rnnscope-YYYYMMDD-HHMMSS.svg in `directory` (local time), with -2, -3 … if that exists.
  static func defaultExportPath(
    in directory: String, format: ExportRequest.Format, now: Date = Date()
  ) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.dateFormat = "yyyyMMdd-HHmmss"
    let stem = directory + "/rnnscope-" + f.string(from: now)
    var path = stem + "." + format.rawValue
    var n = 2
    while FileManager.default.fileExists(atPath: path) {
      path = stem + "-\(n)." + format.rawValue
      n += 1
    }
    return path
  }
}
