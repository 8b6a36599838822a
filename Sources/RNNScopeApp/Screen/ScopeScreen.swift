import RNNViews

/// Composes the whole screen into a cell grid from a frame: each panel where the layout puts it.
/// Everything it draws was derived when the frame was made (see `ScopeFrame`).
public enum ScopeScreen {
  /// The screen for `frame`, a pure function of the frame and the theme (with the frame's palette).
  public static func render(_ frame: ScopeFrame, theme: Theme) -> CellGrid {
    let theme = theme.with(palette: frame.palette)
    var g = CellGrid(width: frame.width, height: frame.height)
    let screen = Rect(x: 0, y: 0, width: frame.width, height: frame.height)
    guard let l = frame.layout else {
      TooSmallNotice().draw(into: &g, in: screen, theme: theme)
      return g
    }
    frame.title.draw(into: &g, in: l.title, theme: theme)
    // The panels do not overlap: the order is for a reader only.
    for id in PanelID.allCases {
      guard let r = l.panels[id] else { continue }
      switch id {
      case .sequence: frame.sequence?.draw(into: &g, in: r, theme: theme)
      case .heatmap:
        if let second = frame.secondHeatmap {
          let (top, bottom) = ScopeLayout.splitHeatmaps(r)
          frame.heatmap?.draw(into: &g, in: top, theme: theme)
          second.draw(into: &g, in: bottom, theme: theme)
        } else {
          frame.heatmap?.draw(into: &g, in: r, theme: theme)
        }
      case .units: frame.units?.draw(into: &g, in: r, theme: theme)
      case .gradient: frame.gradient?.draw(into: &g, in: r, theme: theme)
      case .readout: frame.readout?.draw(into: &g, in: r, theme: theme)
      case .derivative: frame.derivative?.draw(into: &g, in: r, theme: theme)
      case .spectrum: frame.spectrumPanel?.draw(into: &g, in: r, theme: theme)
      case .training: frame.training?.draw(into: &g, in: r, theme: theme)
      case .trajectory: frame.trajectory?.draw(into: &g, in: r, theme: theme)
      }
    }
    frame.output?.draw(into: &g, in: frame.outputRect, theme: theme)
    frame.caption?.draw(into: &g, in: frame.captionRect, theme: theme)
    frame.status.draw(into: &g, in: frame.statusRect, theme: theme)
    frame.help?.draw(into: &g, in: screen, theme: theme)
    frame.sessions?.draw(into: &g, in: screen, theme: theme)
    return g
  }

  /// The screen for `state` alone, as its first frame (no scroll position carried over): for
  /// tests and one-off pictures. The frame loop makes each frame from the previous one instead.
  public static func render(
    _ state: ScopeState, presentation: PresentationProgress? = nil, menu: SessionMenu? = nil,
    width: Int, height: Int, theme: Theme
  ) -> CellGrid {
    render(
      ScopeFrame(state, presentation: presentation, menu: menu, width: width, height: height),
      theme: theme)
  }
}
