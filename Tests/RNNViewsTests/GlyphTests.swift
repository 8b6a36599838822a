import Testing

@testable import RNNViews

/// What colour tells apart, glyphs tell apart too: the derivative curves and the vanishing and
/// exploding bars without colour, and the eigenvalues inside and outside the unit circle always.
struct GlyphTests {
  let plain = Theme(color: false)

  func cells(_ g: CellGrid, _ ch: Unicode.Scalar) -> [(x: Int, y: Int)] {
    var out: [(Int, Int)] = []
    for y in 0..<g.height { for x in 0..<g.width where g[x, y].char == ch { out.append((x, y)) } }
    return out
  }

  @Test func withoutColourEachDerivativeCurveHasItsOwnGlyph() {
    let plot = DerivativePlot(active: .tanh, marks: [])
    var g = CellGrid(width: 45, height: 11)
    plot.draw(into: &g, Rect(x: 0, y: 0, width: 45, height: 11), theme: plain)
    let tanh = cells(g, "•")
    let sigmoid = cells(g, "o")
    let relu = cells(g, "+")
    // tanh' peaks at 1 over x = 0 (the plot's middle column, 5 + 20), in the top row.
    #expect(tanh.contains { $0.y == 0 && abs($0.x - 25) <= 1 })
    // σ' tops out a quarter of the way up, in the middle, below tanh'.
    let sigTop = sigmoid.map(\.y).min()
    #expect(sigTop.map { $0 >= 6 && $0 <= 8 } == true, "σ' top row \(String(describing: sigTop))")
    // relu' = 1 right of 0: its glyph fills the top row there; 0 left of it (under the others).
    #expect(relu.contains { $0.y == 0 && $0.x >= 40 })
    #expect(!relu.contains { $0.y == 0 && $0.x < 24 })
    // No braille: the cells carry glyphs, not dots.
    #expect(!g.cells.contains { $0.char.value >= 0x2800 && $0.char.value <= 0x28FF })
    #expect(g.cells.allSatisfy { $0.fg == .standard })
  }

  @Test func withoutColourTheMarksHaveAGlyphOfTheirOwn() {
    let plot = DerivativePlot(active: .sigmoid, marks: [0])
    var g = CellGrid(width: 45, height: 11)
    plot.draw(into: &g, Rect(x: 0, y: 0, width: 45, height: 11), theme: plain)
    let marks = cells(g, "◆")
    #expect(!marks.isEmpty && marks.allSatisfy { abs($0.x - 25) <= 1 && $0.y >= 6 && $0.y <= 8 })
    #expect(DerivativePlot.markGlyph(plain) == "◆")
    #expect(DerivativePlot.markGlyph(Theme()) == "⣿")
  }

  @Test func withColourTheCurvesStayBraille() {
    var g = CellGrid(width: 45, height: 11)
    DerivativePlot(active: .tanh, marks: []).draw(
      into: &g, Rect(x: 0, y: 0, width: 45, height: 11), theme: Theme())
    #expect(cells(g, "•").isEmpty && cells(g, "o").isEmpty)
    #expect(g.cells.contains { $0.char.value > 0x2800 && $0.char.value <= 0x28FF })
  }

  @Test func asciiGlyphsDifferToo() {
    let glyphs = DerivativePlot.Curve.allCases.map { DerivativePlot.glyph($0, unicode: false) }
    #expect(Set(glyphs).count == 3 && glyphs.allSatisfy(\.isASCII))
    let unicode = DerivativePlot.Curve.allCases.map { DerivativePlot.glyph($0, unicode: true) }
    #expect(Set(unicode).count == 3)
  }

  @Test func withoutColourVanishingAndExplodingBarsHaveGlyphsOfTheirOwn() {
    // 1e-9 is below 1e-6 of the largest (vanishing), 1e4 above 1e3 (exploding), 1 ordinary.
    let plot = LogBarPlot(values: [1e-9, 1, 1e4])
    var g = CellGrid(width: 9, height: 6)
    plot.draw(into: &g, Rect(x: 0, y: 0, width: 9, height: 6), theme: plain)
    let bars = (6...8).map { x in (0..<6).map { g[x, $0].char }.filter { $0 != " " } }
    #expect(!bars[0].isEmpty && bars[0].allSatisfy { $0 == "░" })
    #expect(!bars[2].isEmpty && bars[2].allSatisfy { $0 == "▓" })
    #expect(!bars[1].isEmpty && bars[1].allSatisfy { LogBarPlot.blocks.contains($0) })
    // With colour the bars are blocks in the vanishing and exploding colours.
    var c = CellGrid(width: 9, height: 6)
    plot.draw(into: &c, Rect(x: 0, y: 0, width: 9, height: 6), theme: Theme())
    #expect(c[6, 5].char == "█" && c[6, 5].fg == Theme().vanishing)
    #expect(c[8, 0].char == "█" && c[8, 0].fg == Theme().exploding)
  }

  @Test func eigenvaluesInsideAndOutsideTheCircleHaveDifferentGlyphs() {
    // One eigenvalue at 0.5, one at −1.5: the extent is 1.65.
    let plane = ComplexPlane(points: [(0.5, 0), (-1.5, 0)])
    for theme in [Theme(), plain] {
      var g = CellGrid(width: 40, height: 20)
      plane.draw(into: &g, Rect(x: 0, y: 0, width: 40, height: 20), theme: theme)
      let inside = cells(g, "•")
      let outside = cells(g, "×")
      #expect(inside.count == 1 && outside.count == 1)
      // Both on the real axis (row 10 of 20 is its pixel row 39.5 → 40 / 4), right and left of
      // the middle.
      #expect(inside.first.map { $0.y == 9 || $0.y == 10 } == true)
      #expect(inside[0].x > 20 && outside[0].x < 20)
      #expect(g[outside[0].x, outside[0].y].fg == theme.error)
    }
    #expect(ComplexPlane.glyph(outside: true, unicode: false) == "X")
    #expect(ComplexPlane.glyph(outside: false, unicode: false) == "o")
  }

  /// A saddle's unstable eigenvalue, just outside the circle on the real axis, lies where the
  /// extent's label stands (the right end of the real axis): the eigenvalue is drawn over it.
  @Test func anEigenvalueOnTheExtentLabelIsDrawn() {
    let plane = ComplexPlane(points: [(1.05, 0), (0.3, 0)])
    // 7 rows: a square of 14 columns, centred in the 40.
    var g = CellGrid(width: 40, height: 7)
    plane.draw(into: &g, Rect(x: 0, y: 0, width: 40, height: 7), theme: Theme())
    let c = plane.canvas(columns: 14, rows: 7, points: false)
    let (px, py) = plane.pixel(1.05, 0, w: c.pixelWidth, h: c.pixelHeight)
    // The label "1.2" takes the square's last three cells of the middle row, the eigenvalue's
    // cell among them.
    #expect((11..<14).contains(px / 2) && py / 4 == 3)
    #expect(g[13 + px / 2, py / 4].char == "×")
  }
}
