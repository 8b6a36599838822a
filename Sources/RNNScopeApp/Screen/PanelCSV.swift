import Foundation
import RNNCore
import RNNViews

/// A panel's numbers as CSV, for plotting: taken from what the panel draws (the same state and
/// the same derivations as `ScopeFrame`), over every step on the tape rather than those in view.
/// A header row names the columns; t counts from 1 as the screen does; numbers are written in full
/// (Swift's shortest description that reads back as the same Double); an empty field is a value
/// the panel does not have there (a factor where the gradient is zero).
enum PanelCSV {
  static func csv(_ s: ScopeState, panel: PanelID) throws -> String {
    let rows: [[String]]
    switch panel {
    case .heatmap: rows = heatmap(s)
    case .gradient: rows = try gradient(s)
    case .derivative: rows = derivative(s)
    case .spectrum: rows = spectrum(s)
    case .training: rows = try training(s)
    case .sequence: rows = sequence(s)
    case .units: rows = try units(s)
    case .trajectory: rows = try trajectory(s)
    case .readout:
      throw CommandError(
        "the readout panel is one step's text: export csv takes heatmap, gradient, derivative,"
          + " spectrum, training or sequence")
    }
    return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }

  /// Long format: one row per step, section (h, c, a gate; "h1", "c1" … by layer in a stacked
  /// model) and unit.
  static func heatmap(_ s: ScopeState) -> [[String]] {
    let sections = ScopeFrame.sections(s, range: s.firstKept..<s.stepsTaken)
    var rows = [["t", "section", "unit", "value"]]
    for sec in sections {
      for (i, column) in sec.columns.enumerated() {
        for (u, v) in column.enumerated() {
          rows.append(["\(s.firstKept + i + 1)", sec.label, "\(u)", number(v)])
        }
      }
    }
    return rows
  }

  /// Per step, the top layer's gradient norms under every measure the model has, the bound of
  /// Pascanu et al. (a one-layer vanilla RNN's, over the steps the last loss reaches) and the
  /// factor per step back.
  static func gradient(_ s: ScopeState) throws -> [[String]] {
    guard let b = s.bptt else {
      throw CommandError("no gradients yet: backpropagate first (b, or backward)")
    }
    let top = s.config.numLayers - 1
    var columns: [(String, [Double])] = [
      ("last_loss_h", b.lastLossHiddenGradNorms[top]), ("total_loss_h", b.hiddenGradNorms[top]),
    ]
    if let lc = b.lastLossCellGradNorms?[top], let c = b.cellGradNorms?[top] {
      columns += [("last_loss_c", lc), ("total_loss_c", c)]
    }
    let count = columns[0].1.count
    // The bound as the panel draws it with the last loss's measure.
    var last = s
    last.view.measure = .last
    let sigma = ScopeSpectrum(s, reusing: nil).figures.sigmaMax
    let bound = ScopeFrame.bound(last, count: count, sigmaMax: sigma)
    let factors = GradientFactors.perStep(b.lastLossHiddenGradNorms[top])
    var rows = [["t"] + columns.map(\.0) + ["bound", "factor"]]
    for i in 0..<count {
      let b = i < bound.count ? bound[i].map(number) ?? "" : ""
      let f = i < factors.count ? factors[i].map(number) ?? "" : ""
      rows.append(["\(s.firstKept + i + 1)"] + columns.map { number($0.1[i]) } + [b, f])
    }
    return rows
  }

  /// φ′ of each curve the panel draws over its x range (241 points), then the operating points:
  /// layer 1's pre-activations at the cursor (the candidate's, for a gated cell) on the active
  /// curve, one row per unit.
  static func derivative(_ s: ScopeState) -> [[String]] {
    let panel = ScopeFrame.derivative(s, focused: false)
    let curves: [(String, DerivativePlot.Curve)] =
      [("tanh", .tanh), ("sigmoid", .sigmoid)] + (panel.gated ? [] : [("relu", .relu)])
    var rows = [["series", "unit", "x", "dphi"]]
    let r = DerivativePlot.xRange
    let n = 240
    for (name, curve) in curves {
      for k in 0...n {
        let x = r.lowerBound + (r.upperBound - r.lowerBound) * Double(k) / Double(n)
        rows.append([name, "", number(x), number(DerivativePlot.value(curve, x))])
      }
    }
    for (u, a) in panel.marks.enumerated() {
      rows.append(["point", "\(u)", number(a), number(DerivativePlot.value(panel.active, a))])
    }
    return rows
  }

  /// The eigenvalues of layer 1's recurrent block, as the spectrum panel has them.
  static func spectrum(_ s: ScopeState) -> [[String]] {
    // What the panel shows: ∂F/∂s at the selected fixed point while there is one.
    let eigen =
      ScopeFrame.selectedFixedPoint(s)?.eigenvalues ?? ScopeSpectrum(s, reusing: nil).eigenvalues
    return [["re", "im", "abs"]]
      + eigen.map { [number($0.re), number($0.im), number($0.magnitude)] }
  }

  /// The training curves the panel plots (thinned as it thins them): loss, accuracy, ‖∇θ‖ before
  /// clipping, whether clipping fired, and the norm after it (PyTorch's clip_grad_norm_ at the
  /// clip set now).
  static func training(_ s: ScopeState) throws -> [[String]] {
    let h = s.history
    guard !h.isEmpty else { throw CommandError("no training yet: train N, or t") }
    let clip = s.options.clip
    var rows = [["step", "loss", "accuracy", "grad_norm", "clipped", "grad_norm_clipped"]]
    for i in h.steps.indices {
      let g = h.gradNorm[i]
      let after = h.clipped[i] && clip > 0 ? g * (clip / (g + 1e-6)) : g
      rows.append([
        "\(h.steps[i])", number(h.loss[i]), h.accuracy[i].map(number) ?? "", number(g),
        h.clipped[i] ? "1" : "0", number(after),
      ])
    }
    return rows
  }

  /// The sequence strip's steps: input, target, prediction, whether it was right, the loss.
  static func sequence(_ s: ScopeState) -> [[String]] {
    var rows = [["t", "input", "target", "predicted", "correct", "loss"]]
    for t in s.firstKept..<s.stepsTaken {
      let correct = s.isCorrect(t).map { $0 ? "1" : "0" } ?? ""
      rows.append([
        "\(t + 1)", s.inputDescription(t), s.targetDescription(t) ?? "",
        s.predictedToken(t).map { s.tokenLabel($0) } ?? "", correct,
        s.record(t)?.loss.map(number) ?? "",
      ])
    }
    return rows
  }

  /// The traced units' values per step on the tape, one column each.
  static func units(_ s: ScopeState) throws -> [[String]] {
    let labels = s.shownUnits
    guard !labels.isEmpty else {
      throw CommandError("no units traced: unit h 3 (or , and . in the visualizer) picks them")
    }
    let series = labels.map { s.unitValues($0)?.values ?? [] }
    var rows = [["t", "input"] + labels]
    for i in s.pass.steps.indices {
      rows.append(
        ["\(s.firstKept + i + 1)", s.inputLabel(s.firstKept + i)]
          + series.map { i < $0.count ? number($0[i]) : "" })
    }
    return rows
  }

  /// Each step's coordinates on the two principal components the trajectory panel shows, then
  /// (once `fixed` has run) each fixed or slow point's: its number, stability and unstable modes
  /// in the last columns, t empty.
  static func trajectory(_ s: ScopeState) throws -> [[String]] {
    let panel = ScopeFrame.trajectory(s, focused: false)
    if let why = panel.empty { throw CommandError("no trajectory: \(why)") }
    let (a, b) = panel.components
    var rows = [["t", "pc\(a)", "pc\(b)", "point", "stability", "unstable"]]
    for (i, p) in panel.points.enumerated() {
      rows.append(["\(panel.firstStep + i + 1)", number(p.0), number(p.1), "", "", ""])
    }
    let found = s.fixedPoints?.report.points ?? []
    for (k, m) in panel.fixedPoints.enumerated() where k < found.count {
      let p = found[k]
      rows.append([
        "", number(m.x), number(m.y), "\(k + 1)", p.stability.name, "\(p.unstableCount)",
      ])
    }
    return rows
  }

  /// A Double as Swift describes it: the shortest text that reads back as the same value.
  static func number(_ v: Double) -> String { "\(v)" }

  /// A field quoted when it holds a comma, a quote or a line break (RFC 4180).
  static func field(_ f: String) -> String {
    guard f.contains(where: { ",\"\r\n".contains($0) }) else { return f }
    return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
