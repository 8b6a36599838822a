import RNNViews

/// Training in the background: the loss and ‖∇‖ curves, live, or how to start.
struct TrainingPanel: ScopePanel {
  var isTraining: Bool
  var trainedSteps: Int
  var history: TrainingHistory
  /// The training options named before training starts.
  var optimizer: String
  var batch: Int
  var clip: Double
  /// Why training stopped, if it failed.
  var fault: String?
  var focused: Bool

  /// Draws the frame and the latest figures over the loss and ‖∇‖ curves.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    g.frame(
      r, title: "training · t " + (isTraining ? "stops" : "starts"), style: theme,
      focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 4 else { return }
    let h = history
    if h.isEmpty {
      g.text(
        inner.x, inner.y,
        "press t to train \(optimizer), batch \(batch)"
          + (clip > 0 ? ", clip \(NumberFormat.short(clip, digits: 1))" : ""),
        fg: theme.dim, maxWidth: inner.width)
      g.text(
        inner.x, inner.y + 1, "loss and ‖∇‖ curves draw here, live", fg: theme.dim,
        maxWidth: inner.width)
      if let f = fault {
        g.text(inner.x, inner.y + 2, f, fg: theme.error, maxWidth: inner.width)
      }
      return
    }
    // The figures that fit, whole, in order of importance: a number is never cut mid-value.
    let norm = NumberFormat.scientific(h.gradNorm.last!)
    var parts: [[String]] = [
      ["step \(trainedSteps)"], ["loss \(NumberFormat.short(h.loss.last!))"],
      ["‖∇‖ \(norm) before clipping", "‖∇‖ \(norm) pre-clip"],
    ]
    if let a = h.accuracy.last ?? nil { parts.append(["acc \(NumberFormat.short(a, digits: 2))"]) }
    if clip > 0 && h.seen > 0 {
      let share = Int((100 * Double(h.clippedSteps) / Double(h.seen)).rounded())
      parts.append(["clipped \(share) %"])
    }
    var head = ""
    for wordings in parts {
      let gap = head.isEmpty ? 0 : 2
      guard let p = wordings.first(where: { head.count + gap + $0.count <= inner.width }) else {
        break
      }
      head += (head.isEmpty ? "" : "  ") + p
    }
    g.text(
      inner.x, inner.y, head, fg: isTraining ? theme.good : theme.accent, maxWidth: inner.width)
    let plotH = inner.height - 1
    let lossH = max(2, plotH / 2)
    let gradH = plotH - lossH
    LinePlot(values: h.loss, label: "loss").draw(
      into: &g, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: lossH),
      color: theme.accent, theme: theme)
    if gradH >= 2 {
      // ‖∇‖ before clipping; where clipping fired in the error colour, the threshold dotted.
      var plot = LinePlot(values: h.gradNorm, logScale: true, label: "‖∇‖")
      plot.marked = h.clipped
      if clip > 0 { plot.reference = (clip, "clip \(NumberFormat.short(clip, digits: 1))") }
      plot.draw(
        into: &g, Rect(x: inner.x, y: inner.y + 1 + lossH, width: inner.width, height: gradH),
        color: theme.tanhCurve, markColor: theme.error, theme: theme)
    }
    if let f = fault {
      g.text(inner.x, inner.maxY - 1, f, fg: theme.error, maxWidth: inner.width)
    }
  }
}
