import Testing

@testable import RNNScopeApp
@testable import RNNViews

/// The gradient panel's legends and figures sit over the bars' lowest rows: each keeps a cleared
/// cell between it and a bar, so no bar runs into a word.
struct GradientLegendTests {
  /// A panel of one-cell steps whose bars fill the plot to the right edge: every norm 1 but one
  /// vanishing, under a vacuous bound.
  static func grid() -> (g: CellGrid, inner: Rect) {
    var norms: [Double?] = Array(repeating: 1, count: 80)
    norms[0] = 1e-9
    let panel = GradientPanel(
      measure: "‖∂L_T/∂h_t‖", explanation: "", layered: false, norms: norms,
      scale: norms.compactMap { $0 }, bound: Array(repeating: 1, count: 80),
      factor: (gamma: 1, sigmaMax: 1.23, rho: 1), firstKept: 0, stepsTaken: 80, cursor: 79,
      walkingBack: false, columns: TimeColumns(), focused: false)
    let r = Rect(x: 0, y: 0, width: 80, height: 12)
    var g = CellGrid(width: 80, height: 12)
    panel.draw(into: &g, in: r, theme: Theme())
    return (g, r.inset(1))
  }

  static func row(_ g: CellGrid, _ y: Int, _ inner: Rect) -> String {
    var s = ""
    for x in inner.x..<inner.maxX { s.unicodeScalars.append(g[x, y].char) }
    return s
  }

  @Test func theFiguresAndTheBoundsWordsKeepClearOfTheBars() throws {
    let (g, inner) = Self.grid()
    // Without factors no strip: the plot's lowest row is right above the time row.
    let lowest = inner.maxY - 2
    let figures = Self.row(g, lowest, inner)
    let said = Self.row(g, lowest - 1, inner)
    let legend = try #require(figures.range(of: "vanishing  ρ = 1.00  σ_max = 1.23  γ = 1.00"))
    #expect(figures[..<legend.lowerBound].hasSuffix("█ "), "a bar, a cleared cell: \(figures)")
    let bound = try #require(said.range(of: "◆ bound vacuous"), "\(said)")
    #expect(said[..<bound.lowerBound].hasSuffix("█ "), "a bar, a cleared cell: \(said)")
  }
}
