import RNNViews

/// Where each panel goes in the rows the screen gives the panels (all but the caption, the output
/// pane and the status line). Panels that do not fit are left out and named (`hidden`); the
/// focused panel is always among those placed: others give way first.
public struct ScopeLayout: Sendable, Equatable {
  /// The smallest terminal the visualizer draws on.
  public static let minWidth = 80
  public static let minHeight = 24
  /// The fewest rows the panels keep (title and body) when a caption or output takes the rest.
  public static let minPanelRows = 14

  public let title: Rect
  public let panels: [PanelID: Rect]
  /// Heatmap sections that fit whole, in order (the panel scrolls to the others); in a split view,
  /// in each of the two heatmaps.
  public let heatmapSections: Int
  /// Panels left out for want of room, in focus order (none when one panel is zoomed).
  public let hidden: [PanelID]

  /// The sections the heatmap panel can show for a model: h of each layer (top first), then the
  /// gates of the top layer (LSTM: c, f, i, o; GRU: z, r).
  public static func sectionCount(_ cell: String, layers: Int) -> Int {
    // h of every layer, and every layer's c and shown gates.
    layers * (1 + (cell == "lstm" ? 4 : cell == "gru" ? 2 : 0))
  }

  /// The layout of `height` rows (the title row first) `width` wide, or nil when narrower than
  /// `minWidth` or shorter than `minPanelRows`. `split`: the heatmap's rectangle holds two
  /// heatmaps, one above the other (`splitHeatmaps`); short of room for both and the gradient
  /// panel, the gradient panel stays alone (unless the heatmap is focused), since it holds the
  /// comparison. `brought`: the panels `view` brought on screen, the latest first; short of room,
  /// the focused panel stays, then these, then the others. `units`: whether units are traced, so
  /// that the units panel has something to plot: it goes under the heatmap, on the heatmap's time
  /// axis, above the gradient panel when both fit, else in its place when focused or brought later.
  public init?(
    width: Int, height: Int, hidden: Int, sections: Int, zoom: PanelID?,
    focus: PanelID = .heatmap, split: Bool = false, brought: [PanelID] = [], units: Bool = false
  ) {
    guard width >= ScopeLayout.minWidth, height >= ScopeLayout.minPanelRows else { return nil }
    title = Rect(x: 0, y: 0, width: width, height: 1)
    let body = Rect(x: 0, y: 1, width: width, height: height - 1)
    let sectionRows = (hidden + 1) / 2
    // A heatmap's rows besides its units: the border, the time row, the legend.
    let chrome = 4
    let maps = split ? 2 : 1
    if let z = zoom {
      panels = [z: body]
      heatmapSections = max(
        1, min(sections, (body.height / maps - chrome) / max(1, sectionRows)))
      self.hidden = []
      return
    }
    let rightW = min(72, max(38, width * 38 / 100))
    let leftW = width - rightW
    var p: [PanelID: Rect] = [:]
    // Left: sequence strip, heatmaps, gradients.
    let stripH = 5
    p[.sequence] = Rect(x: 0, y: body.y, width: leftW, height: stripH)
    let rest = body.height - stripH
    // Both the heatmap (six rows of units at least) and the gradient panel (seven rows), or the
    // focused one of them alone (the heatmap unless the gradient panel is focused).
    // (Split: two heatmaps of three rows of units at least.)
    var fit = 0
    // The units panel's rows: its legend, four rows of plot and the text read.
    let unitsH = units ? 8 : 0
    let rank = { (id: PanelID) in brought.firstIndex(of: id) ?? brought.count }
    // Short of room for both, the units panel takes the gradient panel's place when focused, or
    // brought on screen after it.
    let unitsFirst =
      units && focus != .gradient
      && (focus == .units || rank(.units) < rank(.gradient))
    let both = rest >= (split ? 2 * (chrome + 3) : chrome + 6) + 7 + unitsH
    let below: PanelID = units && !both && unitsFirst ? .units : .gradient
    let unitsRows = both ? unitsH : 0
    if rest - unitsRows >= (split ? 2 * (chrome + 3) : chrome + 6) + 7 {
      let lower = rest - unitsRows
      // The gradient panel keeps a third; in a split view, which it compares, two fifths.
      let gradMin = lower >= 22 ? max(9, split ? lower * 2 / 5 : lower / 3) : 7
      let heatAvail = (lower - gradMin) / maps - chrome
      fit = max(1, min(sections, heatAvail / max(1, sectionRows)))
      let heatH = maps * (max(split ? 3 : 6, min(fit * sectionRows, heatAvail)) + chrome)
      var y = body.y + stripH
      p[.heatmap] = Rect(x: 0, y: y, width: leftW, height: heatH)
      y += heatH
      if unitsRows > 0 {
        p[.units] = Rect(x: 0, y: y, width: leftW, height: unitsRows)
        y += unitsRows
      }
      p[below] = Rect(x: 0, y: y, width: leftW, height: body.maxY - y)
    } else {
      // The focused one of the two, else the one brought last, else the default.
      let left: [PanelID] = [.heatmap, below]
      let alone =
        left.contains(focus)
        ? focus : (brought.first { left.contains($0) } ?? (split ? below : .heatmap))
      p[alone] = Rect(x: 0, y: body.y + stripH, width: leftW, height: rest)
      fit = max(1, min(sections, (rest / maps - chrome) / max(1, sectionRows)))
    }
    heatmapSections = fit
    // Right: the readout, then the focused panel if it is one of these, then the others at their
    // minimum heights as they fit; the panels below the readout share what is left.
    // A short body gives the derivative panel 7 rows, so that the readout keeps 6.
    let belowMin = body.height < 20 ? 7 : 10
    var readH = min(2 + 8 + (hidden + 3) / 4, 15, body.height - belowMin)
    var right: [(PanelID, Int)] = [
      (.derivative, belowMin), (.training, 9), (.spectrum, 9), (.trajectory, 10),
    ]
    // Those brought on screen first, the latest first; the rest in their order.
    right = right.enumerated().sorted { (rank($0.1.0), $0.0) < (rank($1.1.0), $1.0) }.map(\.1)
    if let i = right.firstIndex(where: { $0.0 == focus }) {
      // The focused panel comes first after the readout, which shrinks (or goes) to make room.
      let focused = right.remove(at: i)
      right.insert(focused, at: 0)
      readH = min(readH, body.height - focused.1)
    }
    if readH >= 5 || focus == .readout { right.insert((.readout, max(readH, 5)), at: 0) }
    var chosen: [(PanelID, Int)] = []
    var total = 0
    for (id, minH) in right where total + minH <= body.height {
      chosen.append((id, minH))
      total += minH
    }
    // In the order of the screen, top down: readout, derivative, training, spectrum, trajectory.
    let order: [PanelID] = [.readout, .derivative, .training, .spectrum, .trajectory]
    chosen.sort { order.firstIndex(of: $0.0)! < order.firstIndex(of: $1.0)! }
    let spare = body.height - total
    let growable = chosen.filter { $0.0 != .readout }.count
    var y = body.y
    for (i, (id, h)) in chosen.enumerated() {
      var hh = h
      if id != .readout && growable > 0 {
        hh += spare / growable + (i == chosen.count - 1 ? spare % growable : 0)
      }
      if id == .readout && growable == 0 { hh += spare }
      p[id] = Rect(x: leftW, y: y, width: rightW, height: hh)
      y += hh
    }
    panels = p
    // Without units traced, the units panel has nothing to show and is not missed.
    self.hidden = PanelID.allCases.filter { p[$0] == nil && ($0 != .units || units) }
  }

  /// A split view's two heatmaps in the heatmap's rectangle `r`: the first model's above, the
  /// second's below (the lower gets the odd row).
  public static func splitHeatmaps(_ r: Rect) -> (first: Rect, second: Rect) {
    let top = r.height / 2
    return (
      Rect(x: r.x, y: r.y, width: r.width, height: top),
      Rect(x: r.x, y: r.y + top, width: r.width, height: r.height - top)
    )
  }
}
