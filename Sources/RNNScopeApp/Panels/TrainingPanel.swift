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
  /// The run pinned to compare with (`pin panel=loss`), drawn in grey under the live curves.
  var ghost: PinnedRun? = nil
  /// The loss axis, and the ‖∇‖ axis in log10, when held (`axis lock panel=loss`).
  var heldLoss: ClosedRange<Double>? = nil
  var heldGradNorm: ClosedRange<Double>? = nil

  /// The loss and ‖∇‖ plots of `history` over the training steps, `ghost`'s curves under them,
  /// the clipping threshold dotted across the second.
  static func plots(history h: TrainingHistory, ghost: PinnedRun?, clip: Double) -> (
    loss: LinePlot, gradNorm: LinePlot
  ) {
    var loss = LinePlot(values: h.loss, label: "loss")
    var norm = LinePlot(values: h.gradNorm, logScale: true, label: "‖∇‖")
    norm.marked = h.clipped
    if clip > 0 { norm.reference = (clip, "clip \(NumberFormat.short(clip, digits: 1))") }
    let xs = h.steps.map(Double.init)
    loss.xs = xs
    norm.xs = xs
    if let g = ghost {
      let gx = g.steps.map(Double.init)
      (loss.ghost, loss.ghostXs) = (g.loss, gx)
      (norm.ghost, norm.ghostXs) = (g.gradNorm, gx)
    }
    return (loss, norm)
  }

  /// The title: what t does, and what is held or pinned, as much as fits in `width`.
  func title(width: Int) -> String {
    var extras: [String] = []
    if heldLoss != nil { extras.append("axis held") }
    if let g = ghost { extras.append("grey: \(g.label)") }
    // Narrower: the curves say what the panel is, the title what is held and pinned.
    let bases =
      ["training · t " + (isTraining ? "stops" : "starts"), "training"]
      + (extras.isEmpty ? [] : [""])
    for base in bases {
      let t = ([base].filter { !$0.isEmpty } + extras).joined(separator: " · ")
      if t.count <= width { return t }
    }
    // Narrowest: the held axis shows in its labels; the pinned label is cut last.
    let short = extras.filter { $0.hasPrefix("grey") }.first ?? bases[1]
    return short.count <= width ? short : String(short.prefix(max(0, width - 1))) + "…"
  }

  /// Draws the frame and the latest figures over the loss and ‖∇‖ curves.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    g.frame(r, title: title(width: r.width - 6), style: theme, focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 4 else { return }
    let h = history
    if h.isEmpty && ghost != nil {
      // The pinned run alone, to be compared with the one about to start.
      let hint = [
        "press t to train; grey: the pinned run", "t trains; grey: the pinned run", "t trains",
      ].first { $0.count <= inner.width }
      g.text(inner.x, inner.y, hint ?? "", fg: theme.dim, maxWidth: inner.width)
      drawPlots(into: &g, inner, theme: theme)
      if let f = fault {
        g.text(inner.x, inner.maxY - 1, f, fg: theme.error, maxWidth: inner.width)
      }
      return
    }
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
    drawPlots(into: &g, inner, theme: theme)
    if let f = fault {
      g.text(inner.x, inner.maxY - 1, f, fg: theme.error, maxWidth: inner.width)
    }
  }

  /// The loss over the upper half of the rows under the figures, ‖∇‖ under it: before clipping,
  /// where clipping fired in the error colour, the threshold dotted; the pinned run in grey under
  /// both, on one axis of training steps with them.
  func drawPlots(into g: inout CellGrid, _ inner: Rect, theme: Theme) {
    let plotH = inner.height - 1
    let lossH = max(2, plotH / 2)
    let gradH = plotH - lossH
    var (loss, norm) = Self.plots(history: history, ghost: ghost, clip: clip)
    loss.heldRange = heldLoss
    norm.heldRange = heldGradNorm
    loss.draw(
      into: &g, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: lossH),
      color: theme.accent, theme: theme)
    if gradH >= 2 {
      norm.draw(
        into: &g, Rect(x: inner.x, y: inner.y + 1 + lossH, width: inner.width, height: gradH),
        color: theme.tanhCurve, markColor: theme.error, theme: theme)
    }
  }
}
