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
  /// ‖J_t‖₂ at the step the gradient panel reads out (LAPACK, only when that step changed).
  let jacobian: ScopeJacobian?
  /// The colour maps the screen is drawn with (`set palette=…`).
  public let palette: Palette

  let title: TitleBar
  let status: StatusLine
  /// The status line's row: the screen's last, below the caption.
  let statusRect: Rect
  /// A narrated session's caption above the status line, and where it goes: as many rows as its
  /// text needs, the panels giving way (down to `ScopeLayout.minPanelRows`).
  private(set) var caption: CaptionPanel? = nil
  let captionRect: Rect
  /// The output pane (show, sample, help) above the caption, and where it goes.
  private(set) var output: OutputPane? = nil
  let outputRect: Rect
  private(set) var help: HelpOverlay? = nil
  private(set) var sessions: SessionsOverlay? = nil
  // The panels the layout places (nil for those left out).
  private(set) var sequence: SequenceStrip? = nil
  private(set) var heatmap: HeatmapPanel? = nil
  private(set) var units: UnitsPanel? = nil
  /// A split view's second heatmap, below the first in the heatmap's rectangle.
  private(set) var secondHeatmap: HeatmapPanel? = nil
  private(set) var gradient: GradientPanel? = nil
  private(set) var readout: ReadoutPanel? = nil
  private(set) var derivative: DerivativePanel? = nil
  private(set) var spectrumPanel: SpectrumPanel? = nil
  private(set) var training: TrainingPanel? = nil
  private(set) var trajectory: TrajectoryPanel? = nil

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
    _ s: ScopeState, presentation: PresentationProgress? = nil, menu: SessionMenu? = nil,
    width: Int, height: Int, previous: ScopeFrame? = nil
  ) {
    self.width = width
    self.height = height
    let spectrum = ScopeSpectrum(s, reusing: previous?.spectrum)
    self.spectrum = spectrum
    palette = s.palette
    jacobian = s.factorProbe.flatMap {
      ScopeJacobian(s, step: s.firstKept + $0, reusing: previous?.jacobian)
    }
    let c = s.config
    let fits = width >= ScopeLayout.minWidth && height >= ScopeLayout.minHeight
    // A narrated session keeps its caption above the status line, whole: the panels give way
    // down to their fewest rows; the output pane takes what is left, up to 8 lines.
    // Changed since the pause: the pause's caption as it was, under a note that says so.
    let note = presentation.flatMap { p in
      p.pauseCaption.map { _ in CaptionPanel.changedNote(finished: p.finished) }
    }
    let narration =
      presentation?.pauseCaption
      ?? s.narration.map { CaptionValues.expand($0, s, spectrum: spectrum) } ?? ""
    let spare = height - 1 - ScopeLayout.minPanelRows
    var captionRows = 0
    if fits && (s.narration != nil || presentation != nil) {
      let lines = CaptionPanel.lines(note: note, narration: narration, width: width - 2).count
      captionRows = min(spare, max(2, lines) + 2)
    }
    var outputRows = 0
    if fits, let o = s.view.output, spare - captionRows >= 3 {
      let lines = OutputPane.wrapped(o.lines, width: width - 3).count
      outputRows = min(spare - captionRows, min(lines, height >= 40 ? 8 : 4) + 2)
    }
    captionRect = Rect(x: 0, y: height - 1 - captionRows, width: width, height: captionRows)
    outputRect = Rect(
      x: 0, y: height - 1 - captionRows - outputRows, width: width, height: outputRows)
    statusRect = Rect(x: 0, y: height - 1, width: width, height: 1)
    layout =
      fits
      ? ScopeLayout(
        width: width, height: height - 1 - captionRows - outputRows, hidden: c.hiddenSize,
        sections: ScopeLayout.sectionCount(c.cell.rawValue, layers: c.numLayers),
        zoom: s.zoomed ? s.focus : nil, focus: s.focus, split: s.isSplit,
        brought: s.view.brought, units: !s.view.tracedUnits.isEmpty) : nil
    title = TitleBar(
      title: s.title, trainingStep: s.isTraining ? s.trainedSteps : nil,
      hidden: layout?.hidden ?? [], zoomed: s.zoomed)
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
      caption = CaptionPanel(narration: narration, note: note, progress: presentation)
    }
    if outputRows > 0, let o = s.view.output { output = OutputPane(output: o) }
    if s.showHelp { help = HelpOverlay(page: s.view.helpPage) }
    if let menu { sessions = SessionsOverlay(menu: menu) }
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
        let second = s.secondModel
        let models = [s] + (second.map { [$0] } ?? [])
        let sections = models.map { ScopeFrame.sections($0, range: range) }
        let labels = [s.splitLabels.first, s.splitLabels.second]
        let maps = zip(models, sections).enumerated().map { i, m in
          var map = HeatmapPanel(
            sections: m.1, units: m.0.config.hiddenSize,
            firstUnit: s.view.heatmapUnit, gated: m.0.config.cell != .rnn, columns: columns,
            cursor: s.cursor, stepsTaken: s.stepsTaken, focused: focused,
            windows: ScopeFrame.windows(m.0))
          // One span for the whole stack (both models' in a split), so that scrolling does not
          // change the colours and both are read on one scale.
          (map.signedSpan, map.gateSpan, map.cellSpan) =
            s.view.heldColors.map { ($0.signed, $0.gates, $0.cell) }
            ?? s.colorRange.spans(sections.flatMap { $0 })
          map.colorsHeld = s.view.heldColors != nil
          if second != nil { map.owner = (labels[i], i == 1) }
          return map
        }
        heatmap = maps[0]
        secondHeatmap = maps.count > 1 ? maps[1] : nil
      case .units: units = ScopeFrame.units(s, columns, r, focused: focused)
      case .gradient:
        gradient = ScopeFrame.gradient(
          s, columns, sigmaMax: spectrum.figures.sigmaMax, rho: spectrum.figures.radius,
          jacobian: jacobian, focused: focused)
        gradient!.heatmapsLeftOut = s.isSplit && !s.zoomed && l.panels[.heatmap] == nil
      case .readout: readout = ScopeFrame.readout(s, focused: focused)
      case .derivative: derivative = ScopeFrame.derivative(s, focused: focused)
      case .spectrum:
        spectrumPanel = SpectrumPanel(
          matrix: (c.cell == .rnn
            ? "W_hh" : c.cell == .lstm ? "W_hg (candidate block)" : "W_hn (candidate block)")
            // Split: the first model's, which the panel names.
            + (s.isSplit ? " of \(s.splitLabels.first)" : ""),
          layered: c.numLayers > 1, spectrum: spectrum, focused: focused)
        spectrumPanel!.fixedPoint = ScopeFrame.selectedFixedPoint(s)
      case .trajectory: trajectory = ScopeFrame.trajectory(s, focused: focused)
      case .training:
        training = TrainingPanel(
          isTraining: s.isTraining, trainedSteps: s.trainedSteps, history: s.history,
          optimizer: s.options.optimizer.rawValue, batch: s.options.batch, clip: s.options.clip,
          fault: s.trainingFault, focused: focused)
        training!.ghost = s.view.pinnedRun
        training!.heldLoss = s.view.lossAxis
        training!.heldGradNorm = s.view.gradNormAxis
      }
    }
  }

  /// The timestep under a click at (x, y), if the click is on a heatmap, gradient or sequence
  /// column and the step is among the first `steps`.
  public func timestep(atX x: Int, y: Int, steps: Int) -> Int? {
    guard let l = layout else { return nil }
    for id in [PanelID.heatmap, .units, .gradient, .sequence] {
      guard let r = l.panels[id], y > r.y, y < r.maxY - 1 else { continue }
      let x0 = r.x + 1 + TimeColumns.gutter
      guard x >= x0, x < r.maxX - 1 else { continue }
      let t = columns.first + (x - x0) / columns.width
      return t < steps ? t : nil
    }
    return nil
  }
}
