import Foundation
import RNNCore
import RNNViews

/// The readout at the cursor: the step's input, target, prediction, loss, gradients, gates and h_t.
struct ReadoutPanel: ScopePanel {
  /// The step at the cursor, as far as the tape still holds it.
  struct Step: Sendable {
    /// The step's index t (0-based).
    var t: Int
    /// What the step computed, nil when the tape has forgotten it.
    var record: StepRecord?
    var input: String
    var target: String?
    /// The predicted token's index and label (cross-entropy tasks).
    var predicted: (index: Int, label: String)?
    var correct: Bool?
    /// ‖∂L/∂h_t‖ and ‖∂L_T/∂h_t‖ of the top layer, nil before backprop.
    var gradients: (total: Double, last: Double)?
    /// Whether the input and target are vectors' values, "(0, +1, 0)": each on a line of its own,
    /// unquoted.
    var vectors = false
  }

  /// The model's summary, shown before any step.
  var summary: String
  var stepsTaken: Int
  /// The cursor's step, nil before any step.
  var step: Step?
  var totalLoss: Double
  var hidden: Int
  var layers: Int
  var gates: [ScopeGates.Gate]
  var focused: Bool
  /// In a split view: what the models are called, and the second's figures at the cursor (the
  /// lines above are the first's).
  var comparison: Comparison? = nil

  /// The second model of a split view at the cursor's step.
  struct Comparison: Sendable {
    var first: String
    var second: String
    /// L_t, nil without a target (or when the tape does not hold the step).
    var loss: Double?
    var totalLoss: Double
    var gradients: (total: Double, last: Double)?
  }

  /// Draws the frame and the lines about the step, as many as fit.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    let keys = GradientPanel.keys(unicode: theme.glyphs.unicode)
    let title = comparison.map { "at the cursor · \(keys.first) \($0.first)" } ?? "at the cursor"
    g.frame(r, title: title, style: theme, focused: focused)
    if let c = comparison, r.width > 24 {
      // The key and label in the first model's colour, as the gradient panel draws its bars.
      g.text(
        r.x + 19, r.y, "\(keys.first) \(c.first)", fg: theme.firstModel, bold: true,
        maxWidth: r.width - 21)
    }
    let inner = r.inset(1)
    var y = inner.y
    func line(_ text: String, _ color: TermColor = theme.text) {
      guard y < inner.maxY else { return }
      g.text(inner.x, y, text, fg: color, maxWidth: inner.width)
      y += 1
    }
    guard let s = step else {
      line("no steps taken yet", theme.dim)
      line("Space or → reads the next input", theme.dim)
      // Wrapped at spaces: no size is cut mid-number.
      for l in OutputPane.wrapped([summary], width: inner.width) { line(l, theme.dim) }
      return
    }
    let t = s.t
    let top = layers - 1
    guard let record = s.record else {
      line("step t=\(t + 1) was forgotten (the tape keeps the latest steps)", theme.dim)
      return
    }
    line("step t=\(t + 1) of \(stepsTaken) taken", theme.title)
    if !record.active { line("masked: no input, no loss", theme.dim) }
    if s.vectors {
      line("input  \(s.input)")
      line("target \(s.target ?? "none")")
    } else {
      line(
        "input '\(theme.visibleLabel(s.input))'   target "
          + (s.target.map { "'\(theme.visibleLabel($0))'" } ?? "none"))
    }
    // A masked step read nothing and is not judged: no prediction to show.
    if record.active, let p = s.predicted {
      let ok = s.correct
      line(
        "predicted '\(theme.visibleLabel(p.label))' "
          + "p=\(NumberFormat.short(record.probabilities[p.index]))"
          + (ok == true ? " ✓" : ok == false ? " ✗" : ""), ok == false ? theme.error : theme.good)
    } else if record.active, let o = record.outputs.first {
      let shown =
        record.outputs.count > 1 ? ScopeState.describe(record.outputs) : NumberFormat.short(o)
      line("output \(shown)" + (s.correct.map { $0 ? " ✓" : " ✗" } ?? ""))
    }
    line(
      "loss L_t=" + (record.loss.map { NumberFormat.short($0) } ?? "—")
        + "   Σ L=\(NumberFormat.short(totalLoss))")
    // In a split view each model's gradient lines start with its key.
    let (ka, kb) = comparison == nil ? ("", "") : (keys.first + " ", keys.second + " ")
    let firstColor = comparison == nil ? theme.accent : theme.firstModel
    if let grad = s.gradients {
      line(ka + "‖∂L/∂h_t‖   = \(NumberFormat.scientific(grad.total))", firstColor)
      line(ka + "‖∂L_T/∂h_t‖ = \(NumberFormat.scientific(grad.last))", firstColor)
    } else {
      line("gradients: press b", theme.dim)
    }
    if let c = comparison {
      line(
        kb + c.second + ": L_t=" + (c.loss.map { NumberFormat.short($0) } ?? "—")
          + "   Σ L=\(NumberFormat.short(c.totalLoss))", theme.secondModel)
      if let grad = c.gradients {
        line(kb + "‖∂L/∂h_t‖   = \(NumberFormat.scientific(grad.total))", theme.secondModel)
        line(kb + "‖∂L_T/∂h_t‖ = \(NumberFormat.scientific(grad.last))", theme.secondModel)
      }
    }
    if !gates.isEmpty, !record.layers.isEmpty {
      let values = record.layers[top].gates
      func mean(_ gate: ScopeGates.Gate) -> String {
        let rows = gate.rows(hidden: hidden)
        return NumberFormat.short(values[rows].reduce(0, +) / Double(hidden), digits: 2)
      }
      line(
        "mean gates: " + gates.map { "\($0.label) \(mean($0))" }.joined(separator: "  "),
        theme.dim)
    }
    line("h_t" + (layers > 1 ? " (top layer)" : "") + ":", theme.dim)
    drawHidden(into: &g, record.hidden[top], inner, from: y, theme: theme)
  }

  /// A unit's value in at most five characters, signed: +0.73, -12.3, +456, +3e12, +e264 (a
  /// scientific form cut to five read "-1.3e" before).
  static func fiveWide(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "NaN" : v > 0 ? "+Inf" : "-Inf" }
    let sign = v < 0 ? "-" : "+"
    let a = abs(v)
    if a < 0.005 { return sign + "0.00" }
    if a < 9.995 { return sign + String(format: "%.2f", a) }
    if a < 99.95 { return sign + String(format: "%.1f", a) }
    if a < 999.5 { return sign + String(format: "%.0f", a) }
    let e = Int(log10(a).rounded(.down))
    let lead = Int((a / pow(10, Double(e))).rounded(.down))
    return e < 100 ? sign + "\(lead)e\(e)" : sign + "e\(e)"
  }

  /// h_t's units, as many a row as fit, each coloured by its value, from row `y` down.
  func drawHidden(into g: inout CellGrid, _ h: [Double], _ inner: Rect, from y0: Int, theme: Theme)
  {
    let perRow = max(1, (inner.width + 1) / 9)
    var y = y0
    var i = 0
    while i < h.count && y < inner.maxY {
      var x = inner.x
      for u in i..<min(i + perRow, h.count) {
        let label = (u < 10 ? " " : "") + "\(u):"
        g.text(x, y, label, fg: theme.dim)
        g.text(
          x + label.count, y, Self.fiveWide(h[u]),
          fg: theme.color ? .rgb(theme.diverging(h[u])) : .standard)
        x += 9
      }
      i += perRow
      y += 1
    }
  }
}
