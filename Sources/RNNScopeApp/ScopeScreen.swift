import Foundation
import RNNCore
import RNNViews

/// Composes the whole screen into a cell grid. Holds only view state: the scroll position, the layout
/// of the last frame (for mouse clicks) and a cache of the spectrum.
public struct ScopeScreen: Sendable {
  public var firstColumn = 0
  public let gutter = 6
  public private(set) var layout: ScopeLayout?
  private var columnWidth = 1
  private var spectrumKey: [Double] = []
  private var spectrum: (eigen: [Spectral.Eigenvalue], figures: SpectralFigures)? = nil

  public init() {}

  /// One heatmap section: a label, a value per unit per step, and how to colour it.
  struct Section {
    let label: String
    let name: String
    let columns: [[Double]]
    let sequential: Bool
  }

  /// How many heatmap sections the model has: h of every layer, then c and the gates.
  func sectionCount(_ s: ScopeState) -> Int {
    s.config.numLayers + (s.config.cell == .lstm ? 4 : (s.config.cell == .gru ? 2 : 0))
  }

  /// The heatmap sections over the steps in `range` (those still on the tape), column 0 = range.lowerBound.
  func sections(_ s: ScopeState, range: Range<Int>) -> [Section] {
    let c = s.config
    let H = c.hiddenSize
    let top = c.numLayers - 1
    let steps = range.compactMap { s.record($0) }
    func gate(_ g: Int, _ k: Int = top) -> [[Double]] {
      steps.map {
        $0.layers.isEmpty
          ? [Double](repeating: 0, count: H) : Array($0.layers[k].gates[(g * H)..<((g + 1) * H)])
      }
    }
    var out: [Section] = []
    for k in stride(from: top, through: 0, by: -1) {
      out.append(
        Section(
          label: c.numLayers > 1 ? "h l\(k + 1)" : "h",
          name: "hidden state h_t" + (c.numLayers > 1 ? " (layer \(k + 1))" : ""),
          columns: steps.map { $0.hidden[k] }, sequential: false))
    }
    switch c.cell {
    case .lstm:
      out.append(
        Section(
          label: "c", name: "cell state c_t", columns: steps.map { $0.cell[top] }, sequential: false
        ))
      out.append(Section(label: "f", name: "forget gate f", columns: gate(1), sequential: true))
      out.append(Section(label: "i", name: "input gate i", columns: gate(0), sequential: true))
      out.append(Section(label: "o", name: "output gate o", columns: gate(3), sequential: true))
    case .gru:
      out.append(Section(label: "z", name: "update gate z", columns: gate(1), sequential: true))
      out.append(Section(label: "r", name: "reset gate r", columns: gate(0), sequential: true))
    case .rnn: break
    }
    return out
  }

  /// The timestep under a click at (x, y), if the click is on a heatmap, gradient or sequence column.
  public func timestep(atX x: Int, y: Int, steps: Int) -> Int? {
    guard let l = layout else { return nil }
    for id in [PanelID.heatmap, .gradient, .sequence] {
      guard let r = l.panels[id], y > r.y, y < r.maxY - 1 else { continue }
      let x0 = r.x + 1 + gutter
      guard x >= x0, x < r.maxX - 1 else { continue }
      let t = firstColumn + (x - x0) / columnWidth
      return t < steps ? t : nil
    }
    return nil
  }

  public mutating func render(
    _ s: ScopeState, presentation: PresentationProgress? = nil, width: Int, height: Int,
    theme: Theme
  ) -> CellGrid {
    var g = CellGrid(width: width, height: height)
    updateSpectrum(s)
    // A narrated session keeps a caption above the status line.
    let captionRows =
      (s.narration != nil || presentation != nil) && height >= ScopeLayout.minHeight + 4 ? 4 : 0
    guard
      let l = ScopeLayout(
        width: width, height: height - captionRows, hidden: s.config.hiddenSize,
        sections: sectionCount(s),
        zoom: s.zoomed ? s.focus : nil)
    else {
      layout = nil
      drawTooSmall(&g, theme)
      return g
    }
    layout = l
    let leftW =
      (l.panels[.heatmap] ?? l.panels[.gradient] ?? l.panels[.sequence] ?? l.panels[s.focus])!.width
    let inner = leftW - 2 - gutter
    // Up to four cells per timestep when the whole sequence fits that wide; else two if at least 24 steps
    // stay in view (the view scrolls); else one.
    let whole = inner / max(1, s.maxSteps)
    columnWidth = whole >= 2 ? min(4, whole) : (inner >= 48 ? 2 : 1)
    let capacity = max(1, inner / columnWidth)
    // Steps forgotten from the tape (a long sequence streams through) cannot be shown: the view starts at
    // the first one kept at the earliest.
    firstColumn = max(
      s.firstKept,
      TimeWindow.first(
        total: s.stepsTaken, capacity: capacity, cursor: s.cursor, previous: firstColumn))
    let secs = sections(
      s, range: firstColumn..<max(firstColumn, min(s.stepsTaken, firstColumn + capacity)))

    drawTitle(&g, s, l.title, theme)
    for (id, r) in l.panels {
      let focused = id == s.focus
      switch id {
      case .sequence: drawSequence(&g, s, r, theme, focused)
      case .heatmap: drawHeatmaps(&g, s, secs, l.heatmapSections, r, theme, focused)
      case .gradient: drawGradients(&g, s, r, theme, focused)
      case .readout: drawReadout(&g, s, r, theme, focused)
      case .derivative: drawDerivatives(&g, s, r, theme, focused)
      case .spectrum: drawSpectrum(&g, s, r, theme, focused)
      case .training: drawTraining(&g, s, r, theme, focused)
      }
    }
    if captionRows > 0 {
      drawCaption(
        &g, s, presentation,
        Rect(x: 0, y: height - 1 - captionRows, width: width, height: captionRows), theme)
    }
    drawStatus(&g, s, Rect(x: 0, y: height - 1, width: width, height: 1), theme)
    if s.showHelp { drawHelp(&g, theme) }
    return g
  }

  func drawTooSmall(_ g: inout CellGrid, _ theme: Theme) {
    let lines = [
      "terminal too small: need \(ScopeLayout.minWidth)×\(ScopeLayout.minHeight)",
      "have \(g.width)×\(g.height)",
      "enlarge the window (q quits)",
    ]
    for (i, line) in lines.enumerated() {
      g.text(
        max(0, (g.width - line.count) / 2), g.height / 2 - 1 + i, line,
        fg: i == 0 ? theme.error : theme.text, bold: i == 0)
    }
  }

  func drawTitle(_ g: inout CellGrid, _ s: ScopeState, _ r: Rect, _ theme: Theme) {
    let bg: TermColor = theme.color ? .rgb(RGB(38, 40, 58)) : .standard
    g.fill(r, Cell(" ", bg: bg))
    let left = " rnnscope — " + s.title
    g.text(r.x, r.y, left, fg: theme.title, bg: bg, bold: true, maxWidth: r.width)
    var right = "? help  q quit "
    if s.isTraining { right = "● training step \(s.trainedSteps)   " + right }
    if left.count + right.count < r.width {
      g.text(r.maxX - right.count, r.y, right, fg: s.isTraining ? theme.good : theme.dim, bg: bg)
    }
  }

  /// "␣" for a space, "↵" for a newline (ASCII "_" and "/" without Unicode).
  func visible(_ text: String, _ theme: Theme) -> String {
    switch text {
    case " ": return theme.glyphs.unicode ? "␣" : "_"
    case "\n": return theme.glyphs.unicode ? "↵" : "/"
    case "\t": return theme.glyphs.unicode ? "⇥" : ">"
    default: return text
    }
  }

  func columnX(_ inner: Rect, _ t: Int) -> Int {
    inner.x + gutter + (t - firstColumn) * columnWidth
  }

  /// The time row: ▲ under the cursor column with "t=N" beside it.
  func drawCursorRow(_ g: inout CellGrid, _ s: ScopeState, _ inner: Rect, y: Int, _ theme: Theme) {
    g.text(inner.x, y, "t", fg: theme.dim)
    guard s.stepsTaken > 0 else { return }
    let cx = columnX(inner, s.cursor)
    g.put(cx, y, theme.glyphs.unicode ? "▲" : "^", fg: theme.accent, bold: true)
    let tag = "t=\(s.cursor + 1)"
    g.text(cx + 2 + tag.count <= inner.maxX ? cx + 2 : cx - 1 - tag.count, y, tag, fg: theme.accent)
  }

  func drawSequence(
    _ g: inout CellGrid, _ s: ScopeState, _ r: Rect, _ theme: Theme, _ focused: Bool
  ) {
    let acc = (s.firstKept..<s.stepsTaken).compactMap { s.isCorrect($0) }
    let right = acc.filter { $0 }.count
    let title = "sequence" + (acc.isEmpty ? "" : " · \(right)/\(acc.count) right")
    g.frame(r, title: title, style: theme, focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 3 else { return }
    g.text(inner.x, inner.y, "x_t", fg: theme.dim)
    g.text(inner.x, inner.y + 1, "y_t", fg: theme.dim)
    g.text(inner.x, inner.y + 2, "ŷ_t", fg: theme.dim)
    let capacity = (inner.width - gutter) / columnWidth
    for i in 0..<capacity {
      let t = firstColumn + i
      guard t < s.maxSteps else { break }
      let x = inner.x + gutter + i * columnWidth
      let taken = t < s.stepsTaken
      let isCursor = t == s.cursor && taken
      let fg: TermColor =
        isCursor ? (theme.color ? .rgb(RGB(0, 0, 0)) : .standard) : (taken ? theme.text : theme.dim)
      let bg: TermColor = isCursor && theme.color ? theme.accent : .standard
      g.text(
        x, inner.y, String(visible(s.inputLabel(t), theme).prefix(columnWidth)), fg: fg, bg: bg,
        bold: isCursor)
      if let y = s.targetLabel(t) {
        g.text(
          x, inner.y + 1, String(visible(y, theme).prefix(columnWidth)),
          fg: taken ? theme.text : theme.dim)
      }
      guard taken else { continue }
      if let p = s.predictedToken(t) {
        let ok = s.isCorrect(t)
        g.text(
          x, inner.y + 2, String(visible(s.tokenLabel(p), theme).prefix(columnWidth)),
          fg: ok == false ? theme.error : ok == true ? theme.good : theme.dim, bold: ok == false)
      } else if let ok = s.isCorrect(t) {
        g.text(
          x, inner.y + 2,
          ok ? (theme.glyphs.unicode ? "✓" : "+") : (theme.glyphs.unicode ? "✗" : "x"),
          fg: ok ? theme.good : theme.error)
      }
    }
  }

  func drawHeatmaps(
    _ g: inout CellGrid, _ s: ScopeState, _ secs: [Section], _ count: Int, _ r: Rect,
    _ theme: Theme, _ focused: Bool
  ) {
    let shown = secs.prefix(count)
    let title =
      shown.count == 1
      ? "\(shown[0].name) · units × time"
      : shown.map {
        $0.label.count == 1 && $0.name.hasSuffix("gate \($0.label)") ? $0.name : $0.label
      }.joined(separator: " · ") + " · units × time"
    g.frame(r, title: title, style: theme, focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 3 else { return }
    let rowsFor = (s.config.hiddenSize + 1) / 2
    var y = inner.y
    let mapBottom = inner.maxY - 2
    for sec in shown {
      guard y < mapBottom else { break }
      var map = Heatmap(columns: sec.columns, units: s.config.hiddenSize)
      map.columnWidth = columnWidth
      map.firstColumn = 0  // the sections start at firstColumn
      map.sequential = sec.sequential
      let need = map.rowsNeeded(theme: theme)
      let rows = min(need, mapBottom - y)
      g.text(inner.x, y, String(sec.label.prefix(gutter - 1)), fg: theme.title, bold: true)
      if rows > 1 {
        let unitsShown = theme.color ? min(s.config.hiddenSize, rows * 2) : rows
        let last = "\(unitsShown - 1)"
        g.text(inner.x + gutter - 1 - last.count, y + rows - 1, last, fg: theme.dim)
      }
      map.draw(
        into: &g, Rect(x: inner.x + gutter, y: y, width: inner.width - gutter, height: rows),
        theme: theme)
      y += min(rows, rowsFor)
    }
    drawCursorRow(&g, s, inner, y: inner.maxY - 2, theme)
    let legendY = inner.maxY - 1
    g.text(inner.x, legendY, "value", fg: theme.dim)
    DivergingLegend(limit: 1).draw(
      into: &g, x: inner.x + gutter, y: legendY, width: min(26, inner.width - gutter), theme: theme)
    if s.config.cell != .rnn && inner.width > gutter + 56 {
      let x = inner.x + gutter + 28
      g.text(x, legendY, "gates 0", fg: theme.dim)
      for i in 0..<12 {
        let f = Double(i) / 11
        if theme.color {
          g.put(
            x + 8 + i, legendY, theme.glyphs.unicode ? "█" : "#", fg: .rgb(Colormap.sequential(f)))
        } else {
          g.put(x + 8 + i, legendY, Colormap.monoShade(f))
        }
      }
      g.text(x + 21, legendY, "1", fg: theme.dim)
    }
    if secs.count > count && inner.width > 40 {
      let note = "+\(secs.count - count) more (z zooms)"
      g.text(inner.maxX - note.count, legendY, note, fg: theme.dim)
    }
    if s.stepsTaken == 0 {
      g.text(
        inner.x + gutter, inner.y + 1, "Space or → steps the network through the sequence",
        fg: theme.dim, maxWidth: inner.width - gutter)
    }
  }

  func drawGradients(
    _ g: inout CellGrid, _ s: ScopeState, _ r: Rect, _ theme: Theme, _ focused: Bool
  ) {
    let top = s.config.numLayers - 1
    g.frame(
      r,
      title: "\(s.measure.title) per step, log10" + (s.config.numLayers > 1 ? " · top layer" : ""),
      style: theme, focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 4 else { return }
    guard let norms = s.gradientNorms(layer: top) else {
      let msg =
        s.stepsTaken == 0
        ? "step forward, then press b to backpropagate through time"
        : "press b to backpropagate through the \(s.stepsTaken) step\(s.stepsTaken == 1 ? "" : "s") taken"
      g.text(
        inner.x + max(0, (inner.width - msg.count) / 2), inner.y + inner.height / 2, msg,
        fg: theme.dim, maxWidth: inner.width)
      return
    }
    var plot = LogBarPlot(values: norms)
    plot.columnWidth = columnWidth
    plot.firstColumn = firstColumn - s.firstKept  // norms[i] is step firstKept + i
    plot.gutter = gutter
    plot.bound = bound(s, norms)
    plot.draw(
      into: &g, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2),
      theme: theme)
    drawCursorRow(&g, s, inner, y: inner.maxY - 1, theme)
    // Header: what is shown, the numbers at the ends and at the cursor, the legend.
    let finite = norms.compactMap { $0 }
    var parts = [s.measure.explanation]
    if let first = norms.first ?? nil {
      parts.append("t=\(s.firstKept + 1): \(NumberFormat.scientific(first))")
    }
    if let last = norms.last ?? nil {
      parts.append("t=\(s.firstKept + norms.count): \(NumberFormat.scientific(last))")
    }
    let ci = s.cursor - s.firstKept
    if ci >= 0, ci < norms.count, let c = norms[ci] {
      parts.append("cursor: \(NumberFormat.scientific(c))")
    }
    if s.isAnimating { parts.append("◀ walking back") }
    g.text(inner.x, inner.y, parts.joined(separator: "  "), fg: theme.accent, maxWidth: inner.width)
    var legend: [(String, TermColor)] = []
    if let mx = finite.max(), finite.contains(where: { $0 < 1e-6 * mx }) {
      legend.append(("vanishing", theme.vanishing))
    }
    if finite.contains(where: { $0 > 1e3 }) { legend.append(("exploding", theme.exploding)) }
    if !plot.bound.isEmpty { legend.append(("◆ bound (γσ)^(T−t)", theme.bound)) }
    var x = inner.maxX
    for (text, color) in legend.reversed() {
      x -= text.count + 2
      if x < inner.x + inner.width / 2 { break }
      g.text(x, inner.y + inner.height - 2, text, fg: color)
    }
  }

  /// Pascanu, Mikolov & Bengio (2013): ‖∂L_T/∂h_t‖ ≤ ‖∂L_T/∂h_T‖ (γ σ_max(W_hh))^(T−t), γ = max φ'.
  /// Drawn for a one-layer vanilla RNN and the last-loss measure.
  func bound(_ s: ScopeState, _ norms: [Double?]) -> [Double?] {
    guard s.config.cell == .rnn, s.config.numLayers == 1, s.measure == .last, let b = s.bptt,
      let T = b.lastLossStep
    else { return [] }
    let sigma =
      spectrum?.figures.sigmaMax ?? Spectral.figures(s.model.parameters.layers[0].weightHH).sigmaMax
    let gamma = s.config.activation.derivativeBound
    let anchor = b.lastLossHiddenGradNorms[0][T]
    return (0..<norms.count).map { t in t > T ? nil : anchor * pow(gamma * sigma, Double(T - t)) }
  }

  func drawReadout(_ g: inout CellGrid, _ s: ScopeState, _ r: Rect, _ theme: Theme, _ focused: Bool)
  {
    g.frame(r, title: "at the cursor", style: theme, focused: focused)
    let inner = r.inset(1)
    var y = inner.y
    func line(_ text: String, _ color: TermColor = theme.text) {
      guard y < inner.maxY else { return }
      g.text(inner.x, y, text, fg: color, maxWidth: inner.width)
      y += 1
    }
    guard s.stepsTaken > 0 else {
      line("no steps taken yet", theme.dim)
      line("Space or → reads the next input", theme.dim)
      line(s.model.config.summary, theme.dim)
      return
    }
    let t = s.cursor
    let top = s.config.numLayers - 1
    guard let step = s.record(t) else {
      line("step t=\(t + 1) was forgotten (the tape keeps the latest steps)", theme.dim)
      return
    }
    line("step t=\(t + 1) of \(s.stepsTaken) taken", theme.title)
    line(
      "input '\(visible(s.inputLabel(t), theme))'   target "
        + (s.targetLabel(t).map { "'\(visible($0, theme))'" } ?? "none"))
    if let p = s.predictedToken(t) {
      let ok = s.isCorrect(t)
      line(
        "predicted '\(visible(s.tokenLabel(p), theme))' p=\(NumberFormat.short(step.probabilities[p]))"
          + (ok == true ? " ✓" : ok == false ? " ✗" : ""), ok == false ? theme.error : theme.good)
    } else if let o = step.outputs.first {
      line("output \(NumberFormat.short(o))" + (s.isCorrect(t).map { $0 ? " ✓" : " ✗" } ?? ""))
    }
    line(
      "loss L_t=" + (step.loss.map { NumberFormat.short($0) } ?? "—")
        + "   Σ L=\(NumberFormat.short(s.pass.totalLoss))")
    if let b = s.bptt, t - s.firstKept < b.hiddenGradNorms[top].count {
      line(
        "‖∂L/∂h_t‖   = \(NumberFormat.scientific(b.hiddenGradNorms[top][t - s.firstKept]))",
        theme.accent)
      line(
        "‖∂L_T/∂h_t‖ = \(NumberFormat.scientific(b.lastLossHiddenGradNorms[top][t - s.firstKept]))",
        theme.accent)
    } else {
      line("gradients: press b", theme.dim)
    }
    if s.config.cell != .rnn, !step.layers.isEmpty {
      let H = s.config.hiddenSize
      let gates = step.layers[top].gates
      func mean(_ k: Int) -> String {
        NumberFormat.short(gates[(k * H)..<((k + 1) * H)].reduce(0, +) / Double(H), digits: 2)
      }
      line(
        s.config.cell == .lstm
          ? "mean gates: f \(mean(1))  i \(mean(0))  o \(mean(3))"
          : "mean gates: z \(mean(1))  r \(mean(0))", theme.dim)
    }
    line("h_t" + (s.config.numLayers > 1 ? " (top layer)" : "") + ":", theme.dim)
    let h = step.hidden[top]
    let perRow = max(1, (inner.width + 1) / 9)
    var i = 0
    while i < h.count && y < inner.maxY {
      var x = inner.x
      for u in i..<min(i + perRow, h.count) {
        let label = (u < 10 ? " " : "") + "\(u):"
        g.text(x, y, label, fg: theme.dim)
        let val =
          h[u] >= 0
          ? "+" + NumberFormat.short(h[u], digits: 2) : NumberFormat.short(h[u], digits: 2)
        g.text(
          x + label.count, y, String(val.prefix(5)),
          fg: theme.color ? .rgb(Colormap.diverging(h[u])) : .standard)
        x += 9
      }
      i += perRow
      y += 1
    }
  }

  func drawDerivatives(
    _ g: inout CellGrid, _ s: ScopeState, _ r: Rect, _ theme: Theme, _ focused: Bool
  ) {
    let c = s.config
    let active: DerivativePlot.Curve =
      c.cell != .rnn
      ? .tanh : (c.activation == .sigmoid ? .sigmoid : c.activation == .relu ? .relu : .tanh)
    let what = c.cell == .rnn ? c.activation.rawValue : "tanh (candidate)"
    g.frame(r, title: "φ'(x) · active: \(what)", style: theme, focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 5 else { return }
    // Legend.
    var x = inner.x
    let curves: [(DerivativePlot.Curve, String, TermColor)] = [
      (.tanh, "tanh' 1", theme.tanhCurve), (.sigmoid, "σ' ¼", theme.sigmoidCurve),
      (.relu, "relu'", theme.reluCurve),
    ]
    for (curve, name, color) in curves where c.cell == .rnn || curve != .relu {
      let col = curve == active ? color : theme.dim
      g.put(x, inner.y, theme.glyphs.unicode ? "━" : "-", fg: col)
      x += 2 + g.text(x + 2, inner.y, name, fg: col) + 1
    }
    g.put(x, inner.y, theme.glyphs.unicode ? "⣿" : "o", fg: theme.marker)
    g.text(x + 2, inner.y, "a_t", fg: theme.marker)
    // Marks: the current step's pre-activations of layer 1 (for gated cells, the candidate's).
    var marks: [Double] = []
    if let l0 = s.record(s.cursor)?.layers.first {
      let H = c.hiddenSize
      marks = c.cell == .rnn ? l0.preActivation : Array(l0.preActivation[(2 * H)..<(3 * H)])
    }
    var plot = DerivativePlot(active: active, marks: marks)
    if c.cell != .rnn { plot.curves = [.tanh, .sigmoid] }
    plot.draw(
      into: &g, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2),
      theme: theme)
    // Saturation strip.
    if !marks.isEmpty {
      let sat = DerivativePlot.saturation(active, marks)
      let text =
        "units: \(sat.linear) linear · \(sat.middle) between · \(sat.saturated) saturated (φ' < 10% of peak)"
      g.text(
        inner.x, inner.maxY - 1, text,
        fg: sat.saturated > marks.count / 2 ? theme.error : theme.dim, maxWidth: inner.width)
    }
  }

  mutating func updateSpectrum(_ s: ScopeState) {
    let c = s.config
    let w = s.model.parameters.layers[0].weightHH
    let block = Spectral.block(w, gate: c.cell == .rnn ? 0 : 2, hidden: c.hiddenSize)
    guard block.data != spectrumKey || spectrum == nil else { return }
    spectrumKey = block.data
    spectrum = (Spectral.eigenvalues(block) ?? [], Spectral.figures(block))
  }

  func drawSpectrum(
    _ g: inout CellGrid, _ s: ScopeState, _ r: Rect, _ theme: Theme, _ focused: Bool
  ) {
    let c = s.config
    let which =
      c.cell == .rnn
      ? "W_hh" : c.cell == .lstm ? "W_hg (candidate block)" : "W_hn (candidate block)"
    g.frame(
      r, title: "eigenvalues of \(which)" + (c.numLayers > 1 ? ", layer 1" : ""), style: theme,
      focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 3, let sp = spectrum else { return }
    let head =
      "ρ = \(NumberFormat.short(sp.figures.radius))   σ_max = \(NumberFormat.short(sp.figures.sigmaMax))"
    g.text(
      inner.x, inner.y, head, fg: sp.figures.radius > 1 ? theme.exploding : theme.accent,
      maxWidth: inner.width)
    let note =
      sp.figures.radius > 1 ? "outside the unit circle: can explode" : "inside the unit circle"
    if inner.width > head.count + note.count + 3 {
      g.text(inner.maxX - note.count, inner.y, note, fg: theme.dim)
    }
    ComplexPlane(points: sp.eigen.map { ($0.re, $0.im) })
      .draw(
        into: &g, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1),
        theme: theme)
  }

  func drawTraining(
    _ g: inout CellGrid, _ s: ScopeState, _ r: Rect, _ theme: Theme, _ focused: Bool
  ) {
    g.frame(
      r, title: "training · t " + (s.isTraining ? "stops" : "starts"), style: theme,
      focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 4 else { return }
    let h = s.history
    if h.isEmpty {
      g.text(
        inner.x, inner.y,
        "press t to train \(s.options.optimizer.rawValue), batch \(s.options.batch)"
          + (s.options.clip > 0 ? ", clip \(NumberFormat.short(s.options.clip, digits: 1))" : ""),
        fg: theme.dim, maxWidth: inner.width)
      g.text(
        inner.x, inner.y + 1, "loss and ‖∇‖ curves draw here, live", fg: theme.dim,
        maxWidth: inner.width)
      if let f = s.trainingFault {
        g.text(inner.x, inner.y + 2, f, fg: theme.error, maxWidth: inner.width)
      }
      return
    }
    var head =
      "step \(s.trainedSteps)  loss \(NumberFormat.short(h.loss.last!))  ‖∇‖ \(NumberFormat.scientific(h.gradNorm.last!))"
    if let a = h.accuracy.last ?? nil { head += "  acc \(NumberFormat.short(a, digits: 2))" }
    g.text(
      inner.x, inner.y, head, fg: s.isTraining ? theme.good : theme.accent, maxWidth: inner.width)
    let plotH = inner.height - 1
    let lossH = max(2, plotH / 2)
    let gradH = plotH - lossH
    LinePlot(values: h.loss, label: "loss").draw(
      into: &g, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: lossH),
      color: theme.accent, theme: theme)
    if gradH >= 2 {
      LinePlot(values: h.gradNorm, logScale: true, label: "‖∇‖").draw(
        into: &g, Rect(x: inner.x, y: inner.y + 1 + lossH, width: inner.width, height: gradH),
        color: theme.tanhCurve, theme: theme)
    }
    if let f = s.trainingFault {
      g.text(inner.x, inner.maxY - 1, f, fg: theme.error, maxWidth: inner.width)
    }
  }

  /// The narration of a session, word-wrapped, with where the presentation stands.
  func drawCaption(
    _ g: inout CellGrid, _ s: ScopeState, _ presentation: PresentationProgress?, _ r: Rect,
    _ theme: Theme
  ) {
    var title = "narration"
    if let p = presentation {
      title =
        p.finished
        ? "narration · end of the session"
        : "narration · Space ▶ continues (\(max(1, p.pausesPassed))/\(p.pauses + 1))"
    }
    g.frame(r, title: title, style: theme, focused: true)
    let inner = r.inset(1)
    var lines: [String] = []
    var line = ""
    for word in (s.narration ?? "").split(separator: " ") {
      if line.count + word.count + 1 > inner.width - 1 {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    for (i, l) in lines.prefix(inner.height).enumerated() {
      g.text(inner.x + 1, inner.y + i, l, fg: theme.title, maxWidth: inner.width - 1)
    }
  }

  func drawStatus(_ g: inout CellGrid, _ s: ScopeState, _ r: Rect, _ theme: Theme) {
    if s.commandLine.isOpen {
      let text = ":" + s.commandLine.text
      let start = max(0, text.count - (r.width - 2))
      let shown = String(text.dropFirst(start))
      g.text(r.x, r.y, shown, fg: theme.text)
      let cx = r.x + 1 + s.commandLine.cursor - start
      let under = g[cx, r.y].char
      g.put(
        cx, r.y, under, fg: theme.color ? .rgb(RGB(0, 0, 0)) : .standard,
        bg: theme.color ? theme.accent : .standard, bold: true)
      if !s.commandLine.candidates.isEmpty {
        let c = s.commandLine.candidates.joined(separator: " ")
        if shown.count + c.count + 4 < r.width {
          g.text(r.maxX - c.count - 1, r.y, c, fg: theme.dim)
        }
      }
    } else if let m = s.message {
      g.text(
        r.x + 1, r.y, m, fg: m.hasPrefix("error") ? theme.error : theme.accent,
        maxWidth: r.width - 1)
    } else {
      let hints =
        "Space step  ←→ cursor  b backprop  g measure  s activation  t train  Tab focus  z zoom  : command  ? help  q quit"
      g.text(r.x + 1, r.y, hints, fg: theme.dim, maxWidth: r.width - 1)
    }
  }

  func drawHelp(_ g: inout CellGrid, _ theme: Theme) {
    let keyW = KeyMap.bindings.map { $0.keys.count }.max()! + 2
    let textW = KeyMap.bindings.map { $0.action.count }.max()!
    let w = min(g.width - 2, keyW + textW + 4)
    let h = min(g.height - 2, KeyMap.bindings.count + 4)
    let box = Rect(x: (g.width - w) / 2, y: (g.height - h) / 2, width: w, height: h)
    let bg: TermColor = theme.color ? .rgb(RGB(24, 24, 34)) : .standard
    g.fill(box, Cell(" ", bg: bg))
    g.frame(box, title: "keys", style: theme, focused: true)
    for (i, k) in KeyMap.bindings.enumerated() where box.y + 1 + i < box.maxY - 2 {
      g.text(box.x + 2, box.y + 1 + i, k.keys, fg: theme.accent, bg: bg, bold: true)
      g.text(
        box.x + 2 + keyW, box.y + 1 + i, k.action, fg: theme.text, bg: bg,
        maxWidth: box.width - keyW - 4)
    }
    g.text(box.x + 2, box.maxY - 2, "any key closes this help", fg: theme.dim, bg: bg)
  }
}
