import Testing

@testable import RNNViews

/// A line plot's ghost lies under its line (a cell both reach shows the line's colour), and a held
/// range keeps the labels whatever the values.
struct LinePlotGhostTests {
  static func draw(_ p: LinePlot) -> CellGrid {
    var g = CellGrid(width: 40, height: 6)
    p.draw(into: &g, Rect(x: 0, y: 0, width: 40, height: 6), color: Theme().accent, theme: Theme())
    return g
  }

  static func dots(_ g: CellGrid) -> [Cell] {
    (0..<g.height).flatMap { y in (8..<g.width).map { g[$0, y] } }
      .filter { $0.char.value > 0x2800 && $0.char.value <= 0x28FF }
  }

  @Test func whereTheGhostAndTheLineMeetTheLineShows() {
    let ys = [3.0, 2.0, 1.5, 1.2, 1.0]
    var p = LinePlot(values: ys)
    p.ghost = ys
    let both = Self.dots(Self.draw(p))
    #expect(!both.isEmpty && both.allSatisfy { $0.fg == Theme().accent })
    p.values = []
    let ghost = Self.dots(Self.draw(p))
    #expect(ghost.map(\.char) == both.map(\.char), "the same dots, in grey")
    #expect(ghost.allSatisfy { $0.fg == Theme().ghost })
  }

  @Test func theGhostSetsTheStepAxisToo() {
    var p = LinePlot(values: [2, 1])
    p.xs = [1, 2]
    p.ghost = [2, 1.5, 1, 0.8]
    p.ghostXs = [1, 2, 3, 4]
    let g = Self.draw(p)
    // Steps 1…4 over 64 pixel columns: the line ends at step 2, a third of the way.
    let lineCells = (0..<6).flatMap { y in (8..<40).filter { g[$0, y].fg == Theme().accent } }
    #expect(lineCells.max()! <= 8 + 11 && lineCells.min()! == 8)
  }

  @Test func aHeldRangeKeepsItsLabelsAndSaysWhatIsOff() {
    var p = LinePlot(values: [5, 1, 0.1])
    p.heldRange = 0.5...2
    let g = Self.draw(p)
    #expect(g.text.split(separator: "\n")[0].hasPrefix("  ↑2.00"))
    #expect(g.text.split(separator: "\n")[5].hasPrefix("  ↓0.50"))
  }
}
