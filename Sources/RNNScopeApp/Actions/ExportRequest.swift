import RNNViews

/// What `export` writes: an SVG picture of the screen or of one panel, or a panel's numbers as CSV;
/// where, at what size and in which theme. The visualizer fills in `screen` (the size on screen
/// and where a presentation stands) before the state carries the request out.
public struct ExportRequest: Sendable, Equatable {
  public enum Format: String, CaseIterable, Sendable {
    case svg, csv
  }

  /// A screen size in cells.
  public struct Size: Sendable, Equatable {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) {
      self.columns = columns
      self.rows = rows
    }
  }

  /// The screen the visualizer shows: its size and the presentation's progress (for the caption).
  public struct Screen: Sendable, Equatable {
    public var size: Size
    public var progress: PresentationProgress?
    public init(size: Size, progress: PresentationProgress?) {
      self.size = size
      self.progress = progress
    }
  }

  public var format: Format
  /// The file, resolved; nil: rnnscope-YYYYMMDD-HHMMSS.svg in the command's folder.
  public var path: String?
  /// The panel; nil: the whole screen (SVG only).
  public var panel: PanelID?
  /// The size to render at; nil: the screen's in the visualizer, `headlessSize` elsewhere.
  public var size: Size?
  public var theme: SVGTheme
  public var screen: Screen? = nil

  /// Headless (and in a session file, so that its figures are the same everywhere): 120 × 40.
  public static let headlessSize = Size(columns: 120, rows: 40)

  public init(
    format: Format, path: String?, panel: PanelID?, size: Size? = nil, theme: SVGTheme = .dark
  ) {
    self.format = format
    self.path = path
    self.panel = panel
    self.size = size
    self.theme = theme
  }

  /// The size the picture is rendered at.
  public var renderSize: Size { size ?? screen?.size ?? Self.headlessSize }
}
