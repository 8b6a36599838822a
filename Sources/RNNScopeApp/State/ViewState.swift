import RNNCore
import RNNViews

/// How the state is looked at: the cursor, the gradient measure, its axis and pinned profile, the
/// training panel's held axes and pinned run, the heatmap's held colours, the backward animation,
/// focus and zoom, the help overlay, the command line, the status message and the caption.
public struct ViewState: Sendable {
  public internal(set) var cursor = 0
  public internal(set) var measure: GradientMeasure = .last
  /// The gradient panel's axis, in decades, when locked (nil: set by the profiles shown).
  public internal(set) var gradientAxis: ClosedRange<Int>? = nil
  /// The profile pinned to be drawn under the next ones.
  public internal(set) var pinned: PinnedProfile? = nil
  /// The training run pinned to be drawn under the next one (`pin panel=loss`).
  public internal(set) var pinnedRun: PinnedRun? = nil
  /// The training panel's loss axis when held (nil: set by the curves shown).
  public internal(set) var lossAxis: ClosedRange<Double>? = nil
  /// The training panel's ‖∇‖ axis when held, in log10 (nil: set by the curves shown).
  public internal(set) var gradNormAxis: ClosedRange<Double>? = nil
  /// During the backward animation: the earliest step whose gradient is shown so far.
  public internal(set) var animation: Int? = nil
  /// Steps of the animation owed but not yet shown (fractions of a step between ticks).
  var animationClock: Double = 0
  /// Animation speed: index into `ViewState.speeds` (steps per second).
  public internal(set) var speedIndex = 3
  public static let speeds = [2, 5, 10, 20, 40, 80, 160]
  public internal(set) var showHelp = false
  /// The help's page (0 first; the overlay keeps it within the pages there are).
  public internal(set) var helpPage = 0
  public internal(set) var focus: PanelID = .heatmap
  /// The unit whose values colour the sequence strip's inputs (`unit h 3`), as `find` labels it.
  public var tracedUnit: String? { tracedUnits.first }
  /// Every unit `unit` selected, plotted by `show units`.
  public internal(set) var tracedUnits: [String] = []
  /// The units the last `find` listed, first the strongest (`unit top` traces the first).
  public internal(set) var found: [String] = []
  /// The panels `view` brought on screen, the latest first: where not all fit, the latest stay.
  public internal(set) var brought: [PanelID] = []
  /// The trajectory panel's two principal components, from 0 (PC1 × PC2 at first).
  public internal(set) var trajectoryComponents = [0, 1]
  public internal(set) var zoomed = false
  /// The colour maps (`set palette=…`).
  public internal(set) var palette = Palette.standard
  /// What the heatmap's colours span (`set range=…`).
  public internal(set) var colorRange = ColorRange.auto
  /// The heatmap's colours when held (`set range=lock`); nil: as `colorRange` says.
  public internal(set) var heldColors: HeldColors? = nil
  public internal(set) var commandLine = CommandLineState()
  /// The status line's message (nil: the key hints).
  public internal(set) var message: String?
  /// The caption of a narrated session (`say`); `{name}` in it is a live value (`CaptionValues`).
  public internal(set) var narration: String?
  /// The output pane: what `show`, `sample` and `help` printed last (nil: closed).
  public internal(set) var output: OutputText?
  /// The output pane, closed with `o`, to open again.
  var closedOutput: OutputText?
  /// The heatmap's vertical scroll: the first unit in view, counting down the stacked sections.
  public internal(set) var heatmapUnit = 0

  public var speed: Int { ViewState.speeds[speedIndex] }
}
