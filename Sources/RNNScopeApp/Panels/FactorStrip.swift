import RNNViews

/// One row under the gradient bars: per step, what the last loss's gradient is multiplied by going
/// back from it to the step before, ‖∂L_T/∂h_{t−1}‖ / ‖∂L_T/∂h_t‖. ▼ below ½, ▾ below 1, = exactly
/// 1, ▴ above 1, ▲ above 2 (ASCII V v = ^ A), in the vanishing / exploding colours.
struct FactorStrip: Sendable {
  /// factors[i] belongs to step firstKept + i.
  var factors: [Double?]
  var firstKept: Int
  var columns: TimeColumns
  /// The gutter's word: "×back", or "h×back" when the bars above are the cell state's.
  var label = "×back"

  /// The glyph for factor `f`.
  static func glyph(_ f: Double, unicode: Bool) -> Unicode.Scalar {
    switch f {
    case ..<0.5: return unicode ? "▼" : "V"
    case ..<1: return unicode ? "▾" : "v"
    case 1: return "="
    case ...2: return unicode ? "▴" : "^"
    default: return unicode ? "▲" : "A"
    }
  }

  /// The row `y` of the panel's inner rectangle: the label in the gutter, a glyph per step in view.
  func draw(into g: inout CellGrid, _ inner: Rect, y: Int, theme: Theme) {
    g.text(inner.x, y, label, fg: theme.dim)
    let capacity = (inner.width - TimeColumns.gutter) / max(1, columns.width)
    for t in columns.first..<(columns.first + capacity) {
      let i = t - firstKept
      guard i >= 0, i < factors.count, let f = factors[i] else { continue }
      let color = f < 1 ? theme.vanishing : f > 1 ? theme.exploding : theme.dim
      g.put(columns.x(inner, t), y, FactorStrip.glyph(f, unicode: theme.glyphs.unicode), fg: color)
    }
  }
}
