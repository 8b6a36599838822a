import RNNViews

/// What the heatmap's colours span (`set range=…`).
public enum ColorRange: String, CaseIterable, Sendable {
  /// h and c follow the values in view; gates keep 0…1, so that an open gate reads as open.
  case auto
  /// h and c, and the gates, follow the values in view.
  case data
  /// h and c −1…+1, gates 0…1, whatever the values.
  case fixed

  /// What `set range=` takes: the ranges, and `lock` (the colours held as they are, `HeldColors`).
  static let lockable = allCases.map(\.rawValue) + ["lock"]

  /// The spans of `sections` (those shown): one for h of every layer, ±the largest |v| among them
  /// rounded up (`ColorSpan.symmetric`); one of its own for an LSTM's c (nil: c shares h's — the
  /// fixed range, or no c), since c is not bounded as h is and would turn h's colours grey; and one
  /// for the gates, their least…greatest rounded out to twentieths (`ColorSpan.covering`).
  func spans(_ sections: [HeatmapSection]) -> (
    signed: ColorSpan, gates: ColorSpan, cell: ColorSpan?
  ) {
    let cells = sections.filter { $0.isCellState }.flatMap { $0.columns.joined() }
    let states = sections.filter { !$0.sequential && !$0.isCellState }.flatMap {
      $0.columns.joined()
    }
    let gates = sections.filter { $0.sequential }.flatMap { $0.columns.joined() }
    let cell: ColorSpan? = sections.contains { $0.isCellState } ? .symmetric(cells) : nil
    switch self {
    case .fixed: return (.signed, .unit, nil)
    case .auto: return (.symmetric(states), .unit, cell)
    case .data: return (.symmetric(states), .covering(gates), cell)
    }
  }
}
