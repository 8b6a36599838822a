import RNNViews

/// φ'(x) of the activations, the current step's pre-activations marked on the active curve, and
/// how many units sit where.
struct DerivativePanel: ScopePanel {
  /// How many units are saturated (φ' < 10% of its peak), in between, or linear (> 90%).
  struct Saturation: Sendable, Equatable {
    var saturated: Int
    var middle: Int
    var linear: Int
  }

  var active: DerivativePlot.Curve
  /// The active function's name in the title.
  var activeName: String
  /// Whether the cell has gates (relu is not drawn then).
  var gated: Bool
  /// Layer 1's pre-activations at the cursor (for gated cells, the candidate's).
  var marks: [Double]
  /// The counts over `marks`, nil without marks.
  var saturation: Saturation?
  var focused: Bool

  /// Draws the frame, the legend, the curves with the marks, and the saturation counts.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    g.frame(r, title: "φ'(x) · active: \(activeName)", style: theme, focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 5 else { return }
    // Legend.
    var x = inner.x
    let curves: [(DerivativePlot.Curve, String, TermColor)] = [
      (.tanh, "tanh' 1", theme.tanhCurve), (.sigmoid, "σ' ¼", theme.sigmoidCurve),
      (.relu, "relu'", theme.reluCurve),
    ]
    for (curve, name, color) in curves where !gated || curve != .relu {
      let col = curve == active ? color : theme.dim
      g.put(x, inner.y, theme.glyphs.unicode ? "━" : "-", fg: col)
      x += 2 + g.text(x + 2, inner.y, name, fg: col) + 1
    }
    g.put(x, inner.y, theme.glyphs.unicode ? "⣿" : "o", fg: theme.marker)
    g.text(x + 2, inner.y, "a_t", fg: theme.marker)
    var plot = DerivativePlot(active: active, marks: marks)
    if gated { plot.curves = [.tanh, .sigmoid] }
    plot.draw(
      into: &g, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2),
      theme: theme)
    if let sat = saturation {
      let text =
        "units: \(sat.linear) linear · \(sat.middle) between · \(sat.saturated) saturated "
        + "(φ' < 10% of peak)"
      g.text(
        inner.x, inner.maxY - 1, text,
        fg: sat.saturated > marks.count / 2 ? theme.error : theme.dim, maxWidth: inner.width)
    }
  }
}
