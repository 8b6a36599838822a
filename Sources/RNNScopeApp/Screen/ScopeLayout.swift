import RNNViews

/// Where each panel goes for a terminal of a given size. Panels that do not fit are left out (and
/// can still be zoomed); below the minimum size nothing is laid out.
public struct ScopeLayout: Sendable, Equatable {
  public static let minWidth = 80
  public static let minHeight = 24

  public let title: Rect
  public let status: Rect
  public let panels: [PanelID: Rect]
  /// Heatmap sections that fit, in order.
  public let heatmapSections: Int

  /// The sections the heatmap panel can show for a model: h of each layer (top first), then the
  /// gates of the top layer (LSTM: c, f, i, o; GRU: z, r).
  public static func sectionCount(_ cell: String, layers: Int) -> Int {
    layers + (cell == "lstm" ? 4 : cell == "gru" ? 2 : 0)
  }

  public init?(width: Int, height: Int, hidden: Int, sections: Int, zoom: PanelID?) {
    guard width >= ScopeLayout.minWidth, height >= ScopeLayout.minHeight else { return nil }
    title = Rect(x: 0, y: 0, width: width, height: 1)
    status = Rect(x: 0, y: height - 1, width: width, height: 1)
    let body = Rect(x: 0, y: 1, width: width, height: height - 2)
    let sectionRows = (hidden + 1) / 2
    if let z = zoom {
      panels = [z: body]
      heatmapSections = max(1, min(sections, (body.height - 4) / max(1, sectionRows)))
      return
    }
    let rightW = min(72, max(38, width * 38 / 100))
    let leftW = width - rightW
    var p: [PanelID: Rect] = [:]
    // Left: sequence strip, heatmaps, gradients.
    let stripH = 5
    p[.sequence] = Rect(x: 0, y: body.y, width: leftW, height: stripH)
    let gradMin = max(9, (body.height - stripH) / 3)  // the gradient panel keeps a third at least
    let heatAvail = body.height - stripH - gradMin - 4  // border 2 + time row + legend
    let fit = max(1, min(sections, heatAvail / max(1, sectionRows)))
    let heatH = max(1, min(fit * sectionRows, heatAvail)) + 4
    heatmapSections = fit
    p[.heatmap] = Rect(x: 0, y: body.y + stripH, width: leftW, height: heatH)
    p[.gradient] = Rect(
      x: 0, y: body.y + stripH + heatH, width: leftW, height: body.height - stripH - heatH)
    // Right: readout, derivative, spectrum, training — as many as fit at their minimum heights.
    // the derivative panel always fits
    let readH = min(2 + 8 + (hidden + 3) / 4, 15, body.height - 10)
    var y = body.y
    let right: [(PanelID, Int)] = [
      (.readout, readH), (.derivative, 10), (.training, 9), (.spectrum, 9),
    ]
    var chosen: [(PanelID, Int)] = []
    var total = 0
    for (id, minH) in right where total + minH <= body.height {
      chosen.append((id, minH))
      total += minH
    }
    let spare = body.height - total
    let growable = chosen.filter { $0.0 != .readout }.count
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
  }
}
