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
  /// ‖∂L_T/∂h_{t−1}‖ / ‖∂L_T/∂h_t‖ per step (index as `norms`), drawn as a strip under the bars.
  var factors: [Double?] = []
  /// The step read out with its factor and ‖J_t‖₂: the cursor's, or while walking back the step the
  /// gradient last crossed.
  var probe: Probe? = nil
  /// The pinned profile (index as `norms`) and what it was.
  var ghost: [Double?] = []
  var ghostLabel: String? = nil
  /// The axis's decades when held (nil: set by the profiles).
  var heldAxis: ClosedRange<Int>? = nil
  /// Truncated BPTT's windows, when the last backward pass was truncated.
  var windows: WindowMarks? = nil

  /// A split view's second model: its profile drawn as marks on the bars' axis, and what each
  /// model is called (nil: one model).
  var comparison: Comparison? = nil
  /// A split view short of rows shows this panel without the heatmaps: its title says so.
  var heatmapsLeftOut = false

  /// The second profile of a split view (`ScopeState.secondGradientNorms`).
  struct Comparison: Sendable {
    var first: String
    var second: String
    /// The second model's norms, index as `norms`; during the walk back, nil where not reached.
    var norms: [Double?]
  }

  /// A step's factor per step back and ‖J_t‖₂ (`StepJacobian`).
  struct Probe: Sendable {
    /// The step, absolute.
    var t: Int
    var factor: Double?
    /// ‖∂h_t/∂h_{t−1}‖₂, or with a carousel the LSTM's ‖∂(h,c)_t/∂(h,c)_{t−1}‖₂.
    var jacobian: Double?
    /// The LSTM's ‖∂c_t/∂c_{t−1}‖₂ = max f_t (nil for the other cells).
    var carousel: Double? = nil
  }

  /// The title: the measure, and what is held or pinned, as much as fits in `width`.
  func title(width: Int) -> String {
    let layer = layered ? " · top layer" : ""
    let bases = ["\(measure) per step, log10\(layer)", "\(measure), log10\(layer)", measure]
    var extras: [String] = []
    if heldAxis != nil { extras.append("axis held") }
    if let ghostLabel { extras.append("grey: \(ghostLabel)") }
    if heatmapsLeftOut { extras.insert("heatmaps hidden (Tab)", at: 0) }
    for base in bases {
      let t = ([base] + extras).joined(separator: " · ")
      if t.count <= width { return t }
    }
    // Narrow: the held axis shows in its labels; the pinned label is cut last.
    let t = ([bases[2]] + extras.filter { $0.hasPrefix("grey") || $0.hasPrefix("heatmaps") })
      .joined(separator: " · ")
    return t.count <= width ? t : String(t.prefix(max(0, width - 1))) + "…"
  }

  /// Draws the frame and the bars, or how to get them before backprop.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    g.frame(r, title: title(width: r.width - 6), style: theme, focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 4 else { return }
    guard norms != nil || !ghost.isEmpty else {
      // The longest wording that fits: a hint is never cut mid-word.
      let forms =
        stepsTaken == 0
        ? ["step forward, then press b to backpropagate through time", "step, then press b"]
        : [
          "press b to backpropagate through the \(stepsTaken) step"
            + (stepsTaken == 1 ? "" : "s") + " taken",
          "b backpropagates \(stepsTaken) step" + (stepsTaken == 1 ? "" : "s"),
        ]
      let msg = forms.first { $0.count <= inner.width } ?? forms[forms.count - 1]
      g.text(
        inner.x + max(0, (inner.width - msg.count) / 2), inner.y + inner.height / 2, msg,
        fg: theme.dim, maxWidth: inner.width)
      return
    }
    // Rows: the header, the windows' marks (on the time row when the panel is low), the bars, the
    // factor strip, the time row.
    var top = inner.y + 1
    var bottom = inner.maxY - 1
    let windowRow = windows == nil ? nil : inner.height >= 9 ? top : inner.maxY - 1
    if windowRow == top { top += 1 }
    let stripRow = !factors.isEmpty && inner.height >= 6 ? bottom - 1 : nil
    if stripRow != nil { bottom -= 1 }
    let plotRect = Rect(x: inner.x, y: top, width: inner.width, height: bottom - top)
    var plot = LogBarPlot(values: norms ?? [])
    plot.columnWidth = columns.width
    plot.firstColumn = columns.first - firstKept  // norms[i] is step firstKept + i
    plot.gutter = TimeColumns.gutter
    plot.bound = bound
    plot.scale = scale
    plot.ghost = ghost
    plot.fixedDecades = heldAxis
    if let comparison {
      plot.points = comparison.norms
      plot.pointColor = theme.secondModel
      plot.barColor = theme.firstModel
    }
    plot.draw(into: &g, plotRect, theme: theme)
    if let windowRow, let windows {
      // On the time row the label keeps clear of the cursor and its tag ("t=12").
      let cx = columns.x(inner, cursor)
      let tag = "t=\(cursor + 1)".count
      windows.draw(
        into: &g, inner, y: windowRow, columns: columns, label: true,
        keepClear: windowRow == inner.y + 1 ? nil : (cx - 2 - tag)...(cx + 2 + tag), theme: theme)
    }
    if let stripRow {
      // The factors are the hidden state's, whatever the bars measure.
      let label = measure.contains("∂c_t") ? "h×back" : "×back"
      FactorStrip(factors: factors, firstKept: firstKept, columns: columns, label: label).draw(
        into: &g, inner, y: stripRow, theme: theme)
    }
    columns.drawCursorRow(
      into: &g, inner, y: inner.maxY - 1, cursor: cursor, stepsTaken: stepsTaken, theme: theme)
    // Bound values past the axis' top are drawn as ▲ on the top edge: say so.
    let axisTop = plot.axis(rows: plotRect.height)?.top
    let above =
      axisTop.map { t in bound.contains { ($0 ?? 0) > 0 && log10($0!) > Double(t) } } ?? false
    if let comparison {
      drawComparison(comparison, into: &g, inner, norms ?? [], theme: theme)
    } else {
      drawHeader(into: &g, inner, plotRect, norms ?? [], boundAbove: above, theme: theme)
    }
  }

  /// The glyphs that tell a split view's models apart, in the bars and in the legends.
  static func keys(unicode: Bool) -> (first: String, second: String) {
    unicode ? ("█", "●") : ("#", "o")
  }

  /// The header of a split view: each model's key, label and value at the cursor (while the
  /// gradient walks back, the words say so instead), as much as fits; the labels are cut last.
  func drawComparison(
    _ c: Comparison, into g: inout CellGrid, _ inner: Rect, _ norms: [Double?], theme: Theme
  ) {
    let (ka, kb) = GradientPanel.keys(unicode: theme.glyphs.unicode)
    let ci = cursor - firstKept
    func value(_ v: [Double?]) -> String? {
      guard !walkingBack, ci >= 0, ci < v.count, let x = v[ci] else { return nil }
      return NumberFormat.scientific(x)
    }
    let (va, vb) = (value(norms), value(c.norms))
    let at = walkingBack ? "◀ walking back" : va == nil && vb == nil ? "" : "at t=\(cursor + 1)"
    // (first's words, second's words, what follows), longest first.
    func part(_ label: String, _ v: String?) -> String {
      [label, v].compactMap { $0 }.joined(separator: " ")
    }
    func cut(_ label: String, _ n: Int) -> String {
      label.count <= n ? label : String(label.prefix(max(1, n - 1))) + "…"
    }
    var wordings: [(String, String, String)] = [
      (
        part(c.first, va), part(c.second, vb),
        [at, explanation].filter { !$0.isEmpty }
          .joined(separator: "  ")
      ),
      (part(c.first, va), part(c.second, vb), at),
      (part(c.first, va), part(c.second, vb), ""),
    ]
    for n in [12, 8, 4] {
      wordings.append((part(cut(c.first, n), va), part(cut(c.second, n), vb), ""))
    }
    wordings.append((va ?? "", vb ?? "", ""))
    func width(_ w: (String, String, String)) -> Int {
      ka.count + 1 + w.0.count + 2 + kb.count + 1 + w.1.count + (w.2.isEmpty ? 0 : 2 + w.2.count)
    }
    let w = wordings.first { width($0) <= inner.width } ?? wordings.last!
    var x = inner.x
    func put(_ text: String, _ color: TermColor, bold: Bool = false) {
      guard x < inner.maxX else { return }
      g.text(x, inner.y, text, fg: color, bold: bold, maxWidth: inner.maxX - x)
      x += text.count
    }
    put(ka + " ", theme.firstModel, bold: true)
    put(w.0 + "  ", theme.firstModel)
    put(kb + " ", theme.secondModel, bold: true)
    put(w.1, theme.secondModel)
    if !w.2.isEmpty { put("  " + w.2, theme.accent) }
  }

  /// The probe's wordings, longest first: "t=12: ×0.83 back, ‖J‖₂ 0.91"; for the LSTM
  /// "t=12: ×0.83 back, ‖∂(h,c)_t/∂(h,c)_{t−1}‖₂ 1.02, max f 0.97", shortened to ‖J(h,c)‖₂.
  func probeWordings() -> [String] {
    guard let p = probe else { return [] }
    let f = p.factor.map { "×" + NumberFormat.short($0, digits: 2) }
    let j = p.jacobian.map { NumberFormat.short($0, digits: 2) }
    let at = walkingBack ? "◀ t=\(p.t + 1)" : "t=\(p.t + 1)"
    // The LSTM's norm is the whole state's, (h, c): its short name says so too.
    let (long, short) =
      p.carousel == nil ? ("‖J‖₂", "‖J‖₂") : ("‖∂(h,c)_t/∂(h,c)_{t−1}‖₂", "‖J(h,c)‖₂")
    let forget = p.carousel.map { ", max f " + NumberFormat.short($0, digits: 2) } ?? ""
    var out: [String] = []
    switch (f, j) {
    case (let f?, let j?):
      out = [
        "\(at): \(f) back, \(long) \(j)\(forget)", "\(at): \(f) back, \(short) \(j)\(forget)",
        "\(at): \(f) back, \(short) \(j)", "\(at): \(f) \(short) \(j)", "\(f) \(short) \(j)",
      ]
    case (let f?, nil): out = ["\(at): \(f) back", f]
    case (nil, let j?):
      out = ["\(at): \(long) \(j)\(forget)", "\(at): \(short) \(j)", "\(short) \(j)"]
    case (nil, nil): out = []
    }
    // Without a carousel the long and short names are one: the same wording once.
    return out.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
  }

  /// What is shown, the numbers at the ends and at the cursor, the factor at the probe, the legend:
  /// the header keeps the parts that fit whole, the probe's and the cursor's first.
  func drawHeader(
    into g: inout CellGrid, _ inner: Rect, _ plotRect: Rect, _ norms: [Double?],
    boundAbove above: Bool, theme: Theme
  ) {
    let finite = norms.compactMap { $0 }
    // (wordings longest first, priority: lower is kept first), in the order shown.
    var parts: [(wordings: [String], priority: Int)] = [([explanation], 4)]
    if let first = norms.first ?? nil {
      parts.append((["t=\(firstKept + 1): \(NumberFormat.scientific(first))"], 5))
    }
    if let last = norms.last ?? nil {
      parts.append((["t=\(firstKept + norms.count): \(NumberFormat.scientific(last))"], 5))
    }
    let ci = cursor - firstKept
    if !walkingBack, ci >= 0, ci < norms.count, let c = norms[ci] {
      parts.append((["cursor: \(NumberFormat.scientific(c))", NumberFormat.scientific(c)], 1))
    }
    let probe = probeWordings()
    if !probe.isEmpty { parts.append((probe, 2)) }
    if walkingBack && probe.isEmpty { parts.append((["◀ walking back"], 3)) }
    if norms.isEmpty { parts = [(["press b for the profile now; grey: the pinned one"], 1)] }
    // Each part in its longest wording that fits, by priority.
    var chosen = [String?](repeating: nil, count: parts.count)
    func width() -> Int {
      let shown = chosen.compactMap { $0 }
      return shown.reduce(0) { $0 + $1.count } + 2 * max(0, shown.count - 1)
    }
    for i in parts.indices.sorted(by: { parts[$0].priority < parts[$1].priority }) {
      for w in parts[i].wordings {
        chosen[i] = w
        if width() <= inner.width { break }
        chosen[i] = nil
      }
    }
    g.text(
      inner.x, inner.y, chosen.compactMap { $0 }.joined(separator: "  "), fg: theme.accent,
      maxWidth: inner.width)
    var legend: [(String, TermColor)] = []
    // Legends sit on the plot's lowest rows: below four rows they would hide the bars.
    guard plotRect.height >= 4 else { return }
    // Without colour the bars' glyphs tell them apart, and the legend shows them.
    func key(_ exploding: Bool) -> String {
      theme.color ? "" : "\(LogBarPlot.glyph(exploding: exploding, unicode: theme.glyphs.unicode)) "
    }
    // (An exact 0, a gradient cut by truncation, is not vanishing.)
    if let mx = finite.max(), finite.contains(where: { $0 > 0 && $0 < 1e-6 * mx }) {
      legend.append((key(false) + "vanishing", theme.vanishing))
    }
    if finite.contains(where: { $0 > 1e3 }) {
      legend.append((key(true) + "exploding", theme.exploding))
    }
    // Legends sit right-aligned on the plot's lowest rows, in its right half.
    let lowest = plotRect.maxY - 1
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
      for (row, text) in [(lowest - 1, said), (lowest, figures)] {
        guard let text, text.count <= room, row > plotRect.y else { continue }
        // The cell before it is cleared too, so no bar runs into its first word.
        g.text(
          inner.maxX - text.count - 1, row, " " + text,
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
      if x - 1 < legendStart { break }
      // The cell before it and the two after it are cleared too, so no bar runs into a word.
      g.text(x - 1, lowest, " " + text + "  ", fg: color)
    }
  }
}
