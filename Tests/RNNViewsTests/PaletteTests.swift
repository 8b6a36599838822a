import Testing

@testable import RNNViews

/// The palettes' maps, exact where the heatmap draws them, and the colour-blind palette's signals.
struct PaletteTests {
  let cividis = Theme().with(palette: .cividis)

  @Test func cividisAndBlueOrangeHaveTheirPublishedEnds() {
    #expect(Palette.cividis.sequential(0) == RGB(0, 34, 78))
    #expect(Palette.cividis.sequential(1) == RGB(254, 232, 56))
    #expect(Palette.cividis.sequential(0.5020) == RGB(125, 124, 120))
    #expect(Palette.cividis.diverging(-1) == RGB(5, 48, 97))
    #expect(Palette.cividis.diverging(0) == RGB(247, 247, 247))
    #expect(Palette.cividis.diverging(1) == RGB(127, 59, 8))
    // The default palette is what `Colormap` gave before palettes.
    #expect(Palette.standard.diverging(-1) == RGB(59, 76, 192))
    #expect(Palette.standard.sequential(0) == RGB(68, 1, 84))
  }

  @Test func heatmapCellsHaveThePaletteColourOfTheirValue() {
    // Two steps, four units: unit u at step t is row u / 2 (upper half for even u), column t.
    let columns = [[0.0, 0.5, -0.25, 1], [0.2, 0.9, 0.1, 0.45]]
    var gates = Heatmap(columns: columns, units: 4)
    gates.sequential = true
    var g = CellGrid(width: 2, height: 2)
    gates.draw(into: &g, Rect(x: 0, y: 0, width: 2, height: 2), theme: cividis)
    #expect(g[1, 0].bg == .rgb(Palette.cividis.sequential(0.9)))  // unit 1, step 1
    #expect(g[0, 1].bg == .rgb(RGB(254, 232, 56)))  // unit 3, step 0: 1, cividis' top
    // A gate range that follows the data: 0.1 … 0.9 spans the whole map.
    gates.lower = 0.1
    gates.limit = 0.9
    gates.draw(into: &g, Rect(x: 0, y: 0, width: 2, height: 2), theme: cividis)
    #expect(g[1, 1].fg == .rgb(RGB(0, 34, 78)))  // unit 2, step 1 = 0.1: the bottom
    #expect(g[1, 0].bg == .rgb(RGB(254, 232, 56)))  // 0.9: the top
    #expect(g[1, 1].bg == .rgb(Palette.cividis.sequential((0.45 - 0.1) / (0.9 - 0.1))))  // 0.45
    // Signed values through blue–orange on ±0.5: 0.5 is the full orange, −0.25 half blue.
    var states = Heatmap(columns: columns, units: 4)
    states.limit = 0.5
    states.draw(into: &g, Rect(x: 0, y: 0, width: 2, height: 2), theme: cividis)
    #expect(g[0, 0].bg == .rgb(RGB(127, 59, 8)))
    #expect(g[0, 1].fg == .rgb(RGB(67, 147, 195)))
    #expect(g[0, 0].fg == .rgb(RGB(247, 247, 247)))
  }

  @Test func with256ColoursCellsTakeTheIndexedRamp() {
    var theme = cividis
    theme.indexed = true
    var map = Heatmap(columns: [[0.3, -0.7]], units: 2)
    var g = CellGrid(width: 1, height: 1)
    map.draw(into: &g, Rect(x: 0, y: 0, width: 1, height: 1), theme: theme)
    #expect(g[0, 0].fg == .rgb(Palette.cividis.indexedDiverging(0.3)))
    #expect(g[0, 0].bg == .rgb(Palette.cividis.indexedDiverging(-0.7)))
    #expect(g[0, 0].fg != .rgb(Palette.cividis.diverging(0.3)))
    map.sequential = true
    map.draw(into: &g, Rect(x: 0, y: 0, width: 1, height: 1), theme: theme)
    #expect(g[0, 0].fg == .rgb(Palette.cividis.indexedSequential(0.3)))
  }

  @Test func theColourBlindPaletteTradesRedAndGreenForBlueAndOrange() {
    #expect(cividis.good == .rgb(RGB(86, 180, 233)))
    #expect(cividis.error == .rgb(RGB(230, 159, 0)))
    #expect(cividis.good != Theme().good && cividis.error != Theme().error)
    // Without colour nothing is coloured, whatever the palette.
    let plain = Theme(color: false).with(palette: .cividis)
    #expect(plain.good == .standard && plain.error == .standard)
    #expect(plain.palette == .cividis)
  }

  @Test func legendsStateTheirRangeAndDrawThePalettesMap() {
    var g = CellGrid(width: 40, height: 2)
    var values = DivergingLegend(limit: 0.5)
    values.note = "(data)"
    values.draw(into: &g, x: 0, y: 0, width: values.width(bar: 10), theme: cividis)
    #expect(g.rowText(0).hasPrefix("-0.5 ██████████ +0.5 (data)  "))
    #expect(g[5, 0].fg == .rgb(RGB(5, 48, 97)))
    #expect(g[14, 0].fg == .rgb(RGB(127, 59, 8)))
    var gates = SequentialLegend(lower: 0.45, upper: 0.6)
    gates.note = "(data)"
    gates.draw(into: &g, x: 0, y: 1, bar: 8, theme: cividis)
    #expect(g.rowText(1).hasPrefix("0.45 ████████ 0.6 (data)  "))
    #expect(gates.width(bar: 8) == "0.45 ████████ 0.6 (data)".count)
    #expect(g[5, 1].fg == .rgb(RGB(0, 34, 78)))
    #expect(g[12, 1].fg == .rgb(RGB(254, 232, 56)))
  }
}
