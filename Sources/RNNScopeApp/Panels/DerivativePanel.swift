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
  /// Gated cells: each gate's share of units saturated (below 0.1 or above 0.9) at the cursor,
  /// layer 1, in the order the heatmap shows the gates.
  var gateSaturation: [(label: String, share: Double)] = []
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
    // Each curve's sample: a line in its colour, or its glyph when the plot draws glyphs.
    let glyphs = DerivativePlot.drawsGlyphs(theme)
    for (curve, name, color) in curves where !gated || curve != .relu {
      let col = curve == active ? color : theme.dim
      let sample =
        glyphs
        ? DerivativePlot.glyph(curve, unicode: theme.glyphs.unicode)
        : (theme.glyphs.unicode ? "━" : "-")
      g.put(x, inner.y, sample, fg: col)
      x += 2 + g.text(x + 2, inner.y, name, fg: col) + 1
    }
    g.put(x, inner.y, glyphs ? DerivativePlot.markGlyph(theme) : "⣿", fg: theme.marker)
    g.text(x + 2, inner.y, "a_t", fg: theme.marker)
    var plot = DerivativePlot(active: active, marks: marks)
    if gated { plot.curves = [.tanh, .sigmoid] }
    // A line for the gates' saturation where there is room for it and the curves.
    let gateLine = !gateSaturation.isEmpty && inner.height >= 8
    plot.draw(
      into: &g,
      Rect(
        x: inner.x, y: inner.y + 1, width: inner.width,
        height: inner.height - (gateLine ? 3 : 2)),
      theme: theme)
    if gateLine {
      let shares = gateSaturation.map { "\($0.label) \(Int(($0.share * 100).rounded())) %" }
      var text = "gates saturated (< 0.1 or > 0.9): " + shares.joined(separator: " · ")
      if text.count > inner.width { text = "gates saturated: " + shares.joined(separator: " ") }
      if text.count <= inner.width {
        let most = gateSaturation.map(\.share).max() ?? 0
        g.text(inner.x, inner.maxY - 2, text, fg: most > 0.5 ? theme.error : theme.dim)
      }
    }
    if let sat = saturation {
      // The longest form that fits: a word is never cut, the counts always stay.
      let forms = [
        "units: \(sat.linear) linear · \(sat.middle) between · \(sat.saturated) saturated "
          + "(φ' < 10% of peak)",
        "units: \(sat.linear) linear · \(sat.middle) between · \(sat.saturated) saturated",
        "\(sat.linear) linear · \(sat.middle) between · \(sat.saturated) saturated",
        "\(sat.linear) lin · \(sat.middle) mid · \(sat.saturated) sat",
      ]
      let text = forms.first { $0.count <= inner.width } ?? forms[forms.count - 1]
      g.text(
        inner.x, inner.maxY - 1, text,
        fg: sat.saturated > marks.count / 2 ? theme.error : theme.dim, maxWidth: inner.width)
    }
  }
}
