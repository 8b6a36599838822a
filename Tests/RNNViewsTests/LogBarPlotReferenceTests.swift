import Testing

@testable import RNNViews

/// The log bar plot's pinned ghost and held axis: the ghost drawn in grey at the cells its values
/// reach and counted in the axis; a held axis keeps its labels, and marks values beyond it.
struct LogBarPlotReferenceTests {
  let theme = Theme()

  @Test func theGhostSitsBesideEachBarAndSetsTheAxis() {
    var plot = LogBarPlot(values: [1e-2, 1])
    plot.gutter = 6
    plot.columnWidth = 2
    plot.ghost = [1e-6, 1e-2]
    #expect(plot.dataDecades == -6...0, "the ghost's 1e-6 widens the axis")
    var g = CellGrid(width: 10, height: 6)
    plot.draw(into: &g, Rect(x: 0, y: 0, width: 10, height: 6), theme: theme)
    // 6 rows, 1 decade each: 1e-6 is the bottom row's bottom edge (one eighth), 1e-2 four rows.
    #expect(g[7, 5].char == "▁" && g[7, 5].fg == theme.ghost)
    #expect(g[7, 4].char == " ")
    for y in 2...5 { #expect(g[9, y].char == "█" && g[9, y].fg == theme.ghost, "row \(y)") }
    #expect(g[9, 1].char == " ")
    // The bars in each step's first cell, not grey.
    #expect(g[6, 2].char == "█" && g[6, 2].fg != theme.ghost)
    #expect(g[8, 0].char == "█" && g[8, 0].fg != theme.ghost)
    #expect(g.rowText(5).hasPrefix(" 1e-5┤"))
  }

  @Test func theGhostLiesUnderABarOneCellWide() {
    var plot = LogBarPlot(values: [1e-4])
    plot.gutter = 6
    plot.ghost = [1]
    var g = CellGrid(width: 8, height: 4)
    plot.draw(into: &g, Rect(x: 0, y: 0, width: 8, height: 4), theme: theme)
    #expect(g[6, 0].fg == theme.ghost && g[6, 0].char == "█", "the ghost above the bar")
    #expect(g[6, 3].fg != theme.ghost && g[6, 3].char != " ", "the bar over the ghost")
    var mono = CellGrid(width: 8, height: 4)
    plot.draw(into: &mono, Rect(x: 0, y: 0, width: 8, height: 4), theme: Theme(color: false))
    #expect(mono[6, 0].char == "░", "without colour the ghost is shaded")
  }

  @Test func aHeldAxisKeepsItsDecadesAndMarksWhatLeavesIt() {
    var plot = LogBarPlot(values: [1e3, 1e-2, 1e-9])
    plot.gutter = 6
    plot.fixedDecades = -4...0
    #expect(plot.decades == -4...0 && plot.dataDecades == -9...3)
    var g = CellGrid(width: 9, height: 4)
    plot.draw(into: &g, Rect(x: 0, y: 0, width: 9, height: 4), theme: theme)
    #expect(g.rowText(0).hasPrefix("    1┤"))
    #expect(g.rowText(3).hasPrefix(" 1e-3┤"))
    #expect(g[6, 0].char == "↑", "1e3 is above the top")
    #expect(g[6, 3].char == "█")
    #expect(g[8, 3].char == "↓", "1e-9 is below the bottom")
    #expect(g[8, 2].char == " ")
  }
}
