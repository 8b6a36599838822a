import Foundation
import RNNCore
import RNNViews

/// What each panel takes from the state: the one place that reads `ScopeState` for drawing.
extension ScopeFrame {
  /// The sequence strip in `r`: the labels of the steps in view, and the right predictions.
  static func sequence(
    _ s: ScopeState, _ columns: TimeColumns, _ r: Rect, focused: Bool
  ) -> SequenceStrip {
    let first = columns.first
    let end = max(first, min(s.maxSteps, first + SequenceStrip.capacity(r, columns)))
    let traced = s.tracedValues()
    let steps = (first..<end).map { t in
      SequenceStrip.Column(
        input: s.inputLabel(t), target: s.targetLabel(t),
        predicted: s.predictedToken(t).map { s.tokenLabel($0) }, correct: s.isCorrect(t),
        masked: s.record(t).map { !$0.active } ?? false,
        tint: traced.flatMap { v in
          (t - s.firstKept) < v.count && t >= s.firstKept ? v[t - s.firstKept] : nil
        }, sign: s.pulseSign(t))
    }
    let judged = (s.firstKept..<s.stepsTaken).compactMap { s.isCorrect($0) }
    return SequenceStrip(
      columns: columns, steps: steps, cursor: s.cursor, stepsTaken: s.stepsTaken,
      right: judged.filter { $0 }.count, judged: judged.count, focused: focused,
      tracedUnit: traced == nil ? nil : s.view.tracedUnit)
  }

  /// The traced units' values over the steps in view (the distinct ones, the picked one first)
  /// and the inputs read there.
  static func units(
    _ s: ScopeState, _ columns: TimeColumns, _ r: Rect, focused: Bool
  ) -> UnitsPanel {
    let first = columns.first
    let capacity = max(0, (r.inset(1).width - TimeColumns.gutter) / columns.width)
    let end = max(first, min(s.stepsTaken, first + capacity))
    let series = s.shownUnits.map { label in
      let v = s.unitValues(label)?.values ?? []
      return UnitsPanel.Series(
        label: label,
        values: (first..<end).map { t in
          let i = t - s.firstKept
          return i >= 0 && i < v.count ? v[i] : nil
        })
    }
    return UnitsPanel(
      columns: columns, series: series, inputs: (first..<end).map { s.inputLabel($0) },
      cursor: s.cursor, stepsTaken: s.stepsTaken, focused: focused)
  }

  /// The top layer's hidden states on the tape projected on two of their principal components.
  static func trajectory(_ s: ScopeState, focused: Bool) -> TrajectoryPanel {
    let c = s.config
    let top = c.numLayers - 1
    let pcs = s.view.trajectoryComponents
    var p = TrajectoryPanel(
      state: c.numLayers > 1 ? "h\(top + 1)" : "h", components: (pcs[0] + 1, pcs[1] + 1),
      shares: (0, 0), points: [], firstStep: s.firstKept, cursor: nil, focused: focused)
    let states = s.pass.steps.map { $0.hidden[top] }
    guard states.count >= 2 else {
      p.empty = "take two steps or more: their states' principal components are the axes"
      return p
    }
    guard let pca = PrincipalComponents(states) else {
      p.empty = "the states are not finite: no principal components"
      return p
    }
    let shares = pca.shares
    p.shares = (
      pcs[0] < shares.count ? shares[pcs[0]] : 0, pcs[1] < shares.count ? shares[pcs[1]] : 0
    )
    p.points = states.map { h in
      let v = pca.project(h, onto: pcs)
      return (v[0], v[1])
    }
    let i = s.cursor - s.firstKept
    p.cursor = i >= 0 && i < states.count ? i : nil
    if let f = s.fixedPoints {
      p.fixedShown = true
      p.fixedStale = s.fixedPointsAreStale
      p.fixedCounts = f.counts
      p.selectedPoint = f.selected
      p.fixedPoints = fixedPointMarkers(f, pca: pca, components: pcs)
    }
    return p
  }

  /// The selected fixed point's linearisation, for the spectrum panel.
  static func selectedFixedPoint(_ s: ScopeState) -> SpectrumPanel.FixedPointView? {
    guard let f = s.fixedPoints, let i = f.selected, i < f.report.points.count else { return nil }
    let p = f.report.points[i]
    let kind: String
    switch p.stability {
    case .stable: kind = "stable"
    case .saddle(let k): kind = "saddle, \(k) unstable"
    case .unstable: kind = "unstable"
    case .marginal(let k, let m): kind = "marginal, \(m) ≈ 1" + (k > 0 ? ", \(k) unstable" : "")
    }
    // "point" (fixed) or "slow point": the title has some 40 columns at 120 × 40.
    return SpectrumPanel.FixedPointView(
      name: (p.isFixed ? "point " : "slow point ") + "\(i + 1)", kind: kind,
      eigenvalues: p.eigenvalues, stale: s.fixedPointsAreStale)
  }

  /// Each point's top-layer h projected on the components, and its unstable directions' top-layer
  /// parts projected on them (a difference of projections: the mean cancels).
  static func fixedPointMarkers(
    _ f: FoundFixedPoints, pca: PrincipalComponents, components pcs: [Int]
  ) -> [FixedPointMarker] {
    let c = f.model.config
    let top = c.numLayers - 1
    return f.report.points.enumerated().map { k, p in
      let h = FixedPointFinder.layers(of: p.state, config: c).hidden[top]
      let v = pca.project(h, onto: pcs)
      let kind: FixedPointMarker.Kind
      switch p.stability {
      case .stable: kind = .stable
      case .saddle, .unstable: kind = .unstable
      case .marginal: kind = .marginal
      }
      var m = FixedPointMarker(x: v[0], y: v[1], kind: kind)
      m.directions = f.directions[k].map { d in
        let dh = FixedPointFinder.layers(of: d, config: c).hidden[top]
        let w = pca.project(zip(h, dh).map { $0 + $1 }, onto: pcs)
        return (w[0] - v[0], w[1] - v[1])
      }
      return m
    }
  }

  /// The heatmap sections over the steps in `range` (those still on the tape), column 0 =
  /// range.lowerBound: h of every layer (top first), then the top layer's c and gates, then the
  /// lower layers' c and gates (layer by layer, downwards), so every layer's can be reached.
  static func sections(_ s: ScopeState, range: Range<Int>) -> [HeatmapSection] {
    let c = s.config
    let H = c.hiddenSize
    let top = c.numLayers - 1
    let steps = range.compactMap { s.record($0) }
    var out: [HeatmapSection] = []
    for k in stride(from: top, through: 0, by: -1) {
      out.append(
        HeatmapSection(
          label: c.numLayers > 1 ? "h\(k + 1)" : "h",
          name: "hidden state h_t" + (c.numLayers > 1 ? " (layer \(k + 1))" : ""),
          columns: steps.map { $0.hidden[k] }, sequential: false))
    }
    for k in stride(from: top, through: 0, by: -1) {
      // Every layer's numbered when there are several ("c2", "f1"), as `find` and `unit` name them.
      let mark = c.numLayers > 1 ? "\(k + 1)" : ""
      let named = c.numLayers > 1 ? " (layer \(k + 1))" : ""
      if c.cell == .lstm {
        out.append(
          HeatmapSection(
            label: "c" + mark, name: "cell state c_t" + named, columns: steps.map { $0.cell[k] },
            sequential: false))
      }
      for gate in ScopeGates.shown(c.cell) {
        let rows = gate.rows(hidden: H)
        let columns = steps.map {
          $0.layers.isEmpty ? [Double](repeating: 0, count: H) : Array($0.layers[k].gates[rows])
        }
        out.append(
          HeatmapSection(
            label: gate.label + mark, name: gate.name + named, columns: columns, sequential: true))
      }
    }
    return out
  }

  /// Truncated BPTT's windows in absolute steps, when the last backward pass was truncated.
  static func windows(_ s: ScopeState) -> WindowMarks? {
    guard let b = s.bptt, case .truncated(let k1, let k2) = b.mode else { return nil }
    let f = s.firstKept
    let last = b.lastLossWindow.map { (f + $0.steps.lowerBound)...(f + $0.steps.upperBound) }
    let starts = Set(b.windows.map { f + $0.steps.lowerBound }).subtracting(
      last.map { [$0.lowerBound] } ?? [])
    return WindowMarks(k1: k1, k2: k2, last: last, starts: starts.sorted())
  }

  /// The gradient panel: the top layer's norms under the current measure, and their bound; the
  /// factor per step back, with ‖J_t‖₂ at the probe; the pinned profile; the held axis; the
  /// truncated windows. In a split view, the second model's norms on the same axis instead of the
  /// bound and the factors (which are one model's).
  static func gradient(
    _ s: ScopeState, _ columns: TimeColumns, sigmaMax: Double, rho: Double,
    jacobian: ScopeJacobian?, focused: Bool
  ) -> GradientPanel {
    let norms = s.gradientNorms(layer: s.config.numLayers - 1)
    let split = s.isSplit
    let pascanu = split ? [] : norms.map { bound(s, count: $0.count, sigmaMax: sigmaMax) } ?? []
    let factors = split ? [] : s.stepBackFactors
    let probe = (split ? nil : s.factorProbe).map { i in
      GradientPanel.Probe(
        t: s.firstKept + i, factor: i < factors.count ? factors[i] : nil,
        jacobian: jacobian?.norm, carousel: jacobian?.carousel)
    }
    var label = s.view.pinned.map(\.label)
    if let p = s.view.pinned, p.measure != s.measure { label! += " (\(p.measure.title))" }
    var panel = GradientPanel(
      measure: s.measure.title, explanation: s.measure.explanation,
      layered: s.config.numLayers > 1, norms: norms,
      scale: (s.wholeGradientNorms(layer: s.config.numLayers - 1) ?? [])
        + (s.secondWholeGradientNorms ?? []),
      bound: pascanu,
      factor: pascanu.isEmpty
        ? nil : (gamma: s.config.activation.derivativeBound, sigmaMax: sigmaMax, rho: rho),
      firstKept: s.firstKept, stepsTaken: s.stepsTaken, cursor: s.cursor,
      walkingBack: s.isAnimating, columns: columns, focused: focused)
    panel.factors = factors
    panel.probe = probe
    panel.ghost = s.pinnedNorms
    panel.ghostLabel = label
    panel.heldAxis = s.view.gradientAxis
    panel.windows = windows(s)
    if split {
      // A cell-state measure shows h_t's norms for a second model without a cell state.
      let noCell = s.measure.isCellState && s.secondModel?.config.cell != .lstm
      panel.comparison = GradientPanel.Comparison(
        first: s.splitLabels.first, second: s.splitLabels.second + (noCell ? " (h_t)" : ""),
        norms: s.secondGradientNorms ?? [])
    }
    return panel
  }

  /// Pascanu, Mikolov & Bengio (2013): ‖∂L_T/∂h_t‖ ≤ ‖∂L_T/∂h_T‖ (γ σ_max(W_hh))^(T−t),
  /// γ = max φ', for `count` steps. Drawn for a one-layer vanilla RNN and the last-loss measure,
  /// over the steps the last loss's gradient reaches.
  static func bound(_ s: ScopeState, count: Int, sigmaMax sigma: Double) -> [Double?] {
    guard s.config.cell == .rnn, s.config.numLayers == 1, s.measure == .last, let b = s.bptt,
      let T = b.lastLossStep
    else { return [] }
    let gamma = s.config.activation.derivativeBound
    let anchor = b.lastLossHiddenGradNorms[0][T]
    // Under truncation the gradient goes back only through its window: the bound is drawn there.
    let first = b.lastLossWindow?.steps.lowerBound ?? 0
    return (0..<count).map { t in
      t > T || t < first ? nil : anchor * pow(gamma * sigma, Double(T - t))
    }
  }

  /// The readout of the step at the cursor.
  static func readout(_ s: ScopeState, focused: Bool) -> ReadoutPanel {
    let c = s.config
    var step: ReadoutPanel.Step? = nil
    if s.stepsTaken > 0 {
      let t = s.cursor
      let gradients = cursorGradients(s)
      step = ReadoutPanel.Step(
        t: t, record: s.record(t), input: s.inputDescription(t), target: s.targetDescription(t),
        predicted: s.predictedToken(t).map { ($0, s.tokenLabel($0)) }, correct: s.isCorrect(t),
        gradients: gradients, vectors: s.describesVectors(t))
    }
    var panel = ReadoutPanel(
      summary: s.model.config.summary, stepsTaken: s.stepsTaken, step: step,
      totalLoss: s.pass.totalLoss, hidden: c.hiddenSize, layers: c.numLayers,
      gates: ScopeGates.shown(c.cell), focused: focused)
    if let second = s.secondModel {
      panel.comparison = ReadoutPanel.Comparison(
        first: s.splitLabels.first, second: s.splitLabels.second,
        loss: second.record(s.cursor)?.loss, totalLoss: second.pass.totalLoss,
        gradients: cursorGradients(second))
    }
    return panel
  }

  /// ‖∂L/∂h_t‖ and ‖∂L_T/∂h_t‖ of the top layer at the cursor, once backpropagated.
  static func cursorGradients(_ s: ScopeState) -> (total: Double, last: Double)? {
    let top = s.config.numLayers - 1
    let i = s.cursor - s.firstKept
    guard let b = s.bptt, i >= 0, i < b.hiddenGradNorms[top].count else { return nil }
    return (b.hiddenGradNorms[top][i], b.lastLossHiddenGradNorms[top][i])
  }

  /// The derivative panel: the active curve and layer 1's pre-activations at the cursor (for gated
  /// cells, the candidate's), with their saturation counts.
  static func derivative(_ s: ScopeState, focused: Bool) -> DerivativePanel {
    let c = s.config
    let active: DerivativePlot.Curve =
      c.cell != .rnn
      ? .tanh : (c.activation == .sigmoid ? .sigmoid : c.activation == .relu ? .relu : .tanh)
    var marks: [Double] = []
    if let l0 = s.record(s.cursor)?.layers.first {
      let rows = c.cell.candidateRows(hidden: c.hiddenSize)
      marks = c.cell == .rnn ? l0.preActivation : Array(l0.preActivation[rows])
    }
    let sat = marks.isEmpty ? nil : DerivativePlot.saturation(active, marks)
    var gates: [(label: String, share: Double)] = []
    if let l0 = s.record(s.cursor)?.layers.first, !l0.gates.isEmpty {
      for gate in ScopeGates.shown(c.cell) {
        let values = l0.gates[gate.rows(hidden: c.hiddenSize)]
        let saturated = values.filter { $0 < 0.1 || $0 > 0.9 }.count
        gates.append((gate.label, Double(saturated) / Double(max(values.count, 1))))
      }
    }
    return DerivativePanel(
      active: active,
      activeName: (c.cell == .rnn ? c.activation.rawValue : "tanh (candidate)")
        + (s.secondModel.map { $0.config.cell != c.cell } == true
          ? " of \(s.splitLabels.first)" : ""),
      gated: c.cell != .rnn, marks: marks,
      saturation: sat.map {
        DerivativePanel.Saturation(saturated: $0.saturated, middle: $0.middle, linear: $0.linear)
      },
      gateSaturation: gates, focused: focused)
  }
}
