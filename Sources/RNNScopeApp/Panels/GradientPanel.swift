import Foundation
import RNNViews

/// The gradient norm per step on a log scale, with the bound and the ends' figures.
struct GradientPanel: ScopePanel {
  /// What is measured (`GradientMeasure.title`) and said in the header (`explanation`).
  var measure: String
  var explanation: String
  /// Whether the model has more than one layer (the top one is shown).
  var layered: Bool
  /// The norms of the steps on the tape (index i is step firstKept + i), nil before backprop.
  var norms: [Double?]?
  /// Every norm of the profile, revealed or not: the axis is set by all of them.
  var scale: [Double]
  /// The bound of Pascanu et al. per step, or empty where it does not apply.
  var bound: [Double?]
  /// The bound's factor per step back, γ·σ_max(W_hh), with ρ(W_hh) beside it (nil without a bound).
  var factor: (gamma: Double, sigmaMax: Double, rho: Double)?
  var firstKept: Int
  var stepsTaken: Int
  var cursor: Int
  /// Whether the backward animation runs.
  var walkingBack: Bool
  var columns: TimeColumns
  var focused: Bool

  /// Draws the frame and the bars, or how to get them before backprop.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    g.frame(
      r, title: "\(measure) per step, log10" + (layered ? " · top layer" : ""), style: theme,
      focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 4 else { return }
    guard let norms else {
      let msg =
        stepsTaken == 0
        ? "step forward, then press b to backpropagate through time"
        : "press b to backpropagate through the \(stepsTaken) step"
          + (stepsTaken == 1 ? "" : "s") + " taken"
      g.text(
        inner.x + max(0, (inner.width - msg.count) / 2), inner.y + inner.height / 2, msg,
        fg: theme.dim, maxWidth: inner.width)
      return
    }
    var plot = LogBarPlot(values: norms)
    plot.columnWidth = columns.width
    plot.firstColumn = columns.first - firstKept  // norms[i] is step firstKept + i
    plot.gutter = TimeColumns.gutter
    plot.bound = bound
    plot.scale = scale
    plot.draw(
      into: &g, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2),
      theme: theme)
    columns.drawCursorRow(
      into: &g, inner, y: inner.maxY - 1, cursor: cursor, stepsTaken: stepsTaken, theme: theme)
    // Bound values past the axis' top are drawn as ▲ on the top edge: say so.
    let top = plot.axis(rows: inner.height - 2)?.top
    let above = top.map { t in bound.contains { ($0 ?? 0) > 0 && log10($0!) > Double(t) } } ?? false
    drawHeader(into: &g, inner, norms, boundAbove: above, theme: theme)
  }

  /// What is shown, the numbers at the ends and at the cursor, the legend.
  func drawHeader(
    into g: inout CellGrid, _ inner: Rect, _ norms: [Double?], boundAbove above: Bool,
    theme: Theme
  ) {
    let finite = norms.compactMap { $0 }
    var parts = [explanation]
    if let first = norms.first ?? nil {
      parts.append("t=\(firstKept + 1): \(NumberFormat.scientific(first))")
    }
    if let last = norms.last ?? nil {
      parts.append("t=\(firstKept + norms.count): \(NumberFormat.scientific(last))")
    }
    let ci = cursor - firstKept
    if ci >= 0, ci < norms.count, let c = norms[ci] {
      parts.append("cursor: \(NumberFormat.scientific(c))")
    }
    if walkingBack { parts.append("◀ walking back") }
    g.text(inner.x, inner.y, parts.joined(separator: "  "), fg: theme.accent, maxWidth: inner.width)
    var legend: [(String, TermColor)] = []
    // Without colour the bars' glyphs tell them apart, and the legend shows them.
    func key(_ exploding: Bool) -> String {
      theme.color ? "" : "\(LogBarPlot.glyph(exploding: exploding, unicode: theme.glyphs.unicode)) "
    }
    if let mx = finite.max(), finite.contains(where: { $0 < 1e-6 * mx }) {
      legend.append((key(false) + "vanishing", theme.vanishing))
    }
    if finite.contains(where: { $0 > 1e3 }) {
      legend.append((key(true) + "exploding", theme.exploding))
    }
    // Legends sit right-aligned on the plot's lowest row, in its right half.
    var legendEnd = inner.maxX
    var legendStart = inner.x + inner.width / 2
    if !bound.isEmpty, let f = factor {
      let gs = f.gamma * f.sigmaMax
      // γ·σ_max ≥ 1: the bound grows backwards and says nothing.
      let g2 = NumberFormat.short(gs, digits: 2)
      // The longest wording that fits: a narrow panel still says whether the bound is vacuous.
      let wordings =
        gs >= 1
        ? [
          "◆ bound vacuous: γ·σ_max = \(g2) ≥ 1" + (above ? ", ▲ above the chart" : ""),
          "◆ bound vacuous: γ·σ_max = \(g2) ≥ 1", "◆ vacuous: γ·σ_max \(g2) ≥ 1",
        ]
        : [
          "◆ bound (γ·σ_max)^(T−t), γ·σ_max = \(g2)" + (above ? ", ▲ above the chart" : ""),
          "◆ bound (γ·σ_max)^(T−t), γ·σ_max = \(g2)", "◆ bound, γ·σ_max = \(g2)",
        ]
      let figures =
        "ρ = \(NumberFormat.short(f.rho, digits: 2))  "
        + "σ_max = \(NumberFormat.short(f.sigmaMax, digits: 2))  "
        + "γ = \(NumberFormat.short(f.gamma, digits: 2))"
      let room = inner.width - TimeColumns.gutter - 1
      let said = wordings.first { $0.count <= room }
      for (row, text) in [(3, said), (2, figures)] {
        guard let text, text.count <= room else { continue }
        g.text(
          inner.maxX - text.count, inner.y + inner.height - row, text,
          fg: gs >= 1 ? theme.exploding : theme.bound)
      }
      // The other legends go to the left of the figures.
      if figures.count <= room {
        legendEnd = inner.maxX - figures.count
        legendStart = inner.x + TimeColumns.gutter
      }
    }
    var x = legendEnd
    for (text, color) in legend.reversed() {
      x -= text.count + 2
      if x < legendStart { break }
      g.text(x, inner.y + inner.height - 2, text, fg: color)
    }
  }
}
