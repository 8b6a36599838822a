import RNNCore
import RNNViews

/// Everything the screen shows, derived from the state once per change, so that drawing it
/// (`ScopeScreen.render`) computes nothing and changes nothing: the layout, the time columns, the
/// spectrum, and each panel holding what it draws (the heatmap sections, the gradient bound, the
/// saturation counts among it). The next frame is made from the state and this one: the scroll
/// position carries over, and the spectrum is reused while the weights block stays the same.
public struct ScopeFrame: Sendable {
  public let width: Int
  public let height: Int
  /// Where the panels go; nil below the minimum size (the screen says so instead).
  public let layout: ScopeLayout?
  /// The time axis of the sequence, heatmap and gradient panels: cells per step, first step shown.
  public let columns: TimeColumns
  /// Layer 1's recurrent block's eigenvalues and figures (LAPACK, only when the block changes).
  public let spectrum: ScopeSpectrum
  /// The colour maps the screen is drawn with (`set palette=…`).
  public let palette: Palette

  let title: TitleBar
  let status: StatusLine
  /// The status line's row: the screen's last, below the caption.
  let statusRect: Rect
  /// A narrated session's caption above the status line, and where it goes.
  private(set) var caption: CaptionPanel? = nil
  let captionRect: Rect
  private(set) var help: HelpOverlay? = nil
  // The panels the layout places (nil for those left out).
  private(set) var sequence: SequenceStrip? = nil
  private(set) var heatmap: HeatmapPanel? = nil
  private(set) var gradient: GradientPanel? = nil
  private(set) var readout: ReadoutPanel? = nil
  private(set) var derivative: DerivativePanel? = nil
  private(set) var spectrumPanel: SpectrumPanel? = nil
  private(set) var training: TrainingPanel? = nil

  /// The first timestep in view (the scroll position).
  public var firstColumn: Int { columns.first }
  /// Cells per timestep.
  public var columnWidth: Int { columns.width }
  /// Cells left of the first column in the time-axis panels.
  public static var gutter: Int { TimeColumns.gutter }

  /// The frame for `s` on a `width` × `height` screen, with where a presentation playing it stands.
  /// `previous` is the frame shown before: its scroll position is kept while the cursor stays in
  /// view, and its spectrum is reused while the weights block is unchanged.
  public init(
    _ s: ScopeState, presentation: PresentationProgress? = nil, width: Int, height: Int,
    previous: ScopeFrame? = nil
  ) {
    self.width = width
    self.height = height
    spectrum = ScopeSpectrum(s, reusing: previous?.spectrum)
    palette = s.palette
    let c = s.config
    // A narrated session keeps a caption above the status line.
    let captionRows =
      (s.narration != nil || presentation != nil) && height >= ScopeLayout.minHeight + 4 ? 4 : 0
    captionRect = Rect(x: 0, y: height - 1 - captionRows, width: width, height: captionRows)
    statusRect = Rect(x: 0, y: height - 1, width: width, height: 1)
    layout = ScopeLayout(
      width: width, height: height - captionRows, hidden: c.hiddenSize,
      sections: ScopeLayout.sectionCount(c.cell.rawValue, layers: c.numLayers),
      zoom: s.zoomed ? s.focus : nil)
    title = TitleBar(title: s.title, trainingStep: s.isTraining ? s.trainedSteps : nil)
    status = StatusLine(
      command: s.commandLine.isOpen
        ? StatusLine.Command(
          text: s.commandLine.text, cursor: s.commandLine.cursor,
          candidates: s.commandLine.candidates)
        : nil,
      message: s.message)
    guard let l = layout else {
      // Too small: nothing is drawn but the notice; the scroll position waits for a larger size.
      columns = previous?.columns ?? TimeColumns()
      return
    }
    if captionRows > 0 {
      caption = CaptionPanel(
        narration: s.narration ?? "",
        progress: presentation)
    }
    if s.showHelp { help = HelpOverlay() }
    let leftW =
      (l.panels[.heatmap] ?? l.panels[.gradient] ?? l.panels[.sequence] ?? l.panels[s.focus])!.width
    let inner = leftW - 2 - TimeColumns.gutter
    // Up to four cells per timestep when the whole sequence fits that wide; else two if at least
    // 24 steps stay in view (the view scrolls); else one.
    let whole = inner / max(1, s.maxSteps)
    let cellsPerStep = whole >= 2 ? min(4, whole) : (inner >= 48 ? 2 : 1)
    let capacity = max(1, inner / cellsPerStep)
    // Steps forgotten from the tape (a long sequence streams through) cannot be shown: the view
    // starts at the first one kept at the earliest.
    let first = max(
      s.firstKept,
      TimeWindow.first(
        total: s.stepsTaken, capacity: capacity, cursor: s.cursor,
        previous: previous?.firstColumn ?? 0))
    columns = TimeColumns(width: cellsPerStep, first: first)
    for (id, r) in l.panels {
      let focused = id == s.focus
      switch id {
      case .sequence: sequence = ScopeFrame.sequence(s, columns, r, focused: focused)
      case .heatmap:
        let range = first..<max(first, min(s.stepsTaken, first + capacity))
        let sections = ScopeFrame.sections(s, range: range)
        heatmap = HeatmapPanel(
          sections: sections, shown: l.heatmapSections,
          units: c.hiddenSize, gated: c.cell != .rnn, columns: columns, cursor: s.cursor,
          stepsTaken: s.stepsTaken, focused: focused)
        (heatmap!.signedSpan, heatmap!.gateSpan) = s.colorRange.spans(
          Array(sections.prefix(l.heatmapSections)))
      case .gradient:
        gradient = ScopeFrame.gradient(
          s, columns, sigmaMax: spectrum.figures.sigmaMax, rho: spectrum.figures.radius,
          focused: focused)
      case .readout: readout = ScopeFrame.readout(s, focused: focused)
      case .derivative: derivative = ScopeFrame.derivative(s, focused: focused)
      case .spectrum:
        spectrumPanel = SpectrumPanel(
          matrix: c.cell == .rnn
            ? "W_hh" : c.cell == .lstm ? "W_hg (candidate block)" : "W_hn (candidate block)",
          layered: c.numLayers > 1, spectrum: spectrum, focused: focused)
      case .training:
        training = TrainingPanel(
          isTraining: s.isTraining, trainedSteps: s.trainedSteps, history: s.history,
          optimizer: s.options.optimizer.rawValue, batch: s.options.batch, clip: s.options.clip,
          fault: s.trainingFault, focused: focused)
      }
    }
  }

  /// The timestep under a click at (x, y), if the click is on a heatmap, gradient or sequence
  /// column and the step is among the first `steps`.
  public func timestep(atX x: Int, y: Int, steps: Int) -> Int? {
    guard let l = layout else { return nil }
    for id in [PanelID.heatmap, .gradient, .sequence] {
      guard let r = l.panels[id], y > r.y, y < r.maxY - 1 else { continue }
      let x0 = r.x + 1 + TimeColumns.gutter
      guard x >= x0, x < r.maxX - 1 else { continue }
      let t = columns.first + (x - x0) / columns.width
      return t < steps ? t : nil
    }
    return nil
  }
}
