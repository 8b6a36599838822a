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

  /// The spans of `sections` (those shown): one for the signed ones (h of every layer, c), ±the
  /// largest |v| among them rounded up (`ColorSpan.symmetric`), and one for the gates, their
  /// least…greatest rounded out to twentieths (`ColorSpan.covering`), as the range says.
  func spans(_ sections: [HeatmapSection]) -> (signed: ColorSpan, gates: ColorSpan) {
    func values(sequential: Bool) -> [Double] {
      sections.filter { $0.sequential == sequential }.flatMap { $0.columns.joined() }
    }
    switch self {
    case .fixed: return (.signed, .unit)
    case .auto: return (.symmetric(values(sequential: false)), .unit)
    case .data:
      return (.symmetric(values(sequential: false)), .covering(values(sequential: true)))
    }
  }
}
