import RNNCore
import RNNViews

/// Comparing one view with the next: which panel `pin`, `unpin` and `axis` act on, the training
/// panel's pinned run and held axes, the heatmap's held colours.
extension ScopeState {
  /// The panel an action names, or `ComparedPanel.focused`.
  func compared(_ p: ComparedPanel?) -> ComparedPanel { p ?? ComparedPanel.focused(view.focus) }

  /// `pin`: the gradient profile or the training run kept under `label`.
  mutating func pin(label: String?, panel: ComparedPanel?) throws -> CommandResult {
    switch compared(panel) {
    case .gradient: return try pin(label: label)
    case .loss: return try pinRun(label: label)
    case .heatmap:
      throw CommandError("a colour range is held, not pinned: set range=lock")
    }
  }

  /// `unpin`: the pinned profile or run let go.
  mutating func unpin(panel: ComparedPanel?) -> CommandResult {
    switch compared(panel) {
    case .loss:
      guard view.pinnedRun != nil else {
        return .message(
          "no loss curves pinned" + (view.pinned != nil ? " (unpin panel=gradient)" : ""))
      }
      view.pinnedRun = nil
      return .message("unpinned the loss curves")
    case .gradient, .heatmap:
      guard view.pinned != nil else {
        return .message("nothing pinned" + (view.pinnedRun != nil ? " (unpin panel=loss)" : ""))
      }
      view.pinned = nil
      return .message("unpinned")
    }
  }

  /// `axis`: the named panel's axis set by what it shows, or held.
  mutating func setAxis(_ change: AxisChange, panel: ComparedPanel?) throws -> CommandResult {
    switch compared(panel) {
    case .gradient: return try setGradientAxis(change)
    case .loss: return try setTrainingAxes(change)
    case .heatmap:
      switch change {
      case .auto:
        let was = view.heldColors != nil
        view.heldColors = nil
        return .message(
          (was ? "heatmap colours let go: " : "heatmap colours: ") + "range \(colorRange.rawValue)")
      case .lock: return lockColors()
      }
    }
  }

  /// Keeps the training run's loss and ‖∇‖ curves, as thinned so far, under `label`.
  mutating func pinRun(label: String?) throws -> CommandResult {
    let h = history
    guard !h.isEmpty else { throw CommandError("no loss curve to pin: train first (t)") }
    let label = label ?? defaultPinLabel
    view.pinnedRun = PinnedRun(label: label, steps: h.steps, loss: h.loss, gradNorm: h.gradNorm)
    return .message("pinned \"\(label)\": drawn in grey under the next loss curves (u unpins)")
  }

  /// The loss and ‖∇‖ plots as the training panel draws them now (their held ranges left out).
  var trainingPlots: (loss: LinePlot, gradNorm: LinePlot) {
    TrainingPanel.plots(history: history, ghost: view.pinnedRun, clip: options.clip)
  }

  /// The training panel's axes held (the loss's at `change`'s ends, or both as drawn now), or set
  /// by the curves.
  mutating func setTrainingAxes(_ change: AxisChange) throws -> CommandResult {
    switch change {
    case .auto:
      view.lossAxis = nil
      view.gradNormAxis = nil
      return .message("loss axes: set by the curves shown")
    case .lock(let range):
      let plots = trainingPlots
      guard let loss = range ?? plots.loss.dataRange else {
        throw CommandError("no loss axis to hold yet: train first (t), or give from=X to=X")
      }
      view.lossAxis = loss
      view.gradNormAxis = plots.gradNorm.dataRange
      return .message(
        "loss axis held at \(NumberFormat.short(loss.lowerBound, digits: 2))…"
          + "\(NumberFormat.short(loss.upperBound, digits: 2))"
          + (view.gradNormAxis != nil ? ", ‖∇‖ as drawn" : "") + " (axis auto panel=loss lets go)")
    }
  }

  /// The heatmap's colour spans over every step on the tape, as the range says now.
  var tapeColorSpans: (signed: ColorSpan, gates: ColorSpan, cell: ColorSpan?) {
    colorRange.spans(ScopeFrame.sections(self, range: firstKept..<stepsTaken))
  }

  /// `set range=lock`: the heatmap's colours held at the spans they have now.
  mutating func lockColors() -> CommandResult {
    let (signed, gates, cell) =
      view.heldColors.map { ($0.signed, $0.gates, $0.cell) } ?? tapeColorSpans
    view.heldColors = HeldColors(signed: signed, gates: gates, cell: cell, from: colorRange)
    return .message(
      "heatmap colours held: h ±\(NumberFormat.compact(signed.limit)), gates "
        + "\(NumberFormat.compact(gates.lower))…\(NumberFormat.compact(gates.upper))"
        + " (set range=\(colorRange.rawValue) lets go)")
  }
}
