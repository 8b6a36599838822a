import RNNViews

/// One heatmap section: a label, a value per unit per step, and how to colour it.
struct HeatmapSection: Sendable {
  let label: String
  let name: String
  /// One column per step in view, `columns[0]` the first.
  let columns: [[Double]]
  /// Gates run 0…1 (a sequential colour map); states −1…1 (diverging).
  let sequential: Bool

  /// An LSTM's cell state (any layer's): coloured on a span of its own.
  var isCellState: Bool { !sequential && label.hasPrefix("c") }
}
