import Testing

@testable import RNNViews

/// Views drawn into a cell grid and checked at known positions.
struct ViewTests {
  let theme = Theme()

  func rgb(_ c: TermColor) -> RGB? { if case .rgb(let v) = c { return v } else { return nil } }
  // redness: r − b, increasing from blue through grey to red
  func redness(_ c: TermColor) -> Int {
    let v = rgb(c)!
    return Int(v.r) - Int(v.b)
  }

  @Test func controlCharactersFromFilesAreDrawnAsReplacementCharacters() {
    var g = CellGrid(width: 10, height: 1)
    g.text(0, 0, "a\u{1B}[2J\u{9B}b")
    #expect(g.rowText(0).hasPrefix("a\u{FFFD}[2J\u{FFFD}b"))
  }

  @Test func heatmapColoursOrderWithTheValues() {
    let values = [-1.0, -0.6, -0.2, 0, 0.2, 0.6, 1.0, 0.4]
    var g = CellGrid(width: 10, height: 6)
    Heatmap(columns: [values], units: values.count).draw(
      into: &g, Rect(x: 2, y: 1, width: 1, height: 4), theme: theme)
    // Units 2k and 2k+1 share row k: upper unit in the foreground of ▀, lower in the background.
    var colours: [TermColor] = []
    for row in 0..<4 {
      let c = g[2, 1 + row]
      #expect(c.char == "▀")
      colours += [c.fg, c.bg]
    }
    // In value order, redness strictly increases.
    let order = values.indices.sorted { values[$0] < values[$1] }
    for (a, b) in zip(order, order.dropFirst()) {
      #expect(redness(colours[a]) < redness(colours[b]), "value \(values[a]) vs \(values[b])")
    }
    // Negative is blue, zero neutral, positive red.
    let neg = rgb(colours[0])!
    let zero = rgb(colours[3])!
    let pos = rgb(colours[6])!
    #expect(neg.b > neg.r + 100)
    #expect(zero.r == zero.g && zero.g == zero.b)
    #expect(pos.r > pos.b + 100)
    // Nothing drawn outside the rectangle.
    #expect(g[3, 1].char == " " && g[1, 1].char == " ")
  }

  @Test func heatmapOddUnitCountLeavesLastBackgroundDefault() {
    var g = CellGrid(width: 4, height: 4)
    Heatmap(columns: [[0.5, -0.5, 1]], units: 3).draw(
      into: &g, Rect(x: 0, y: 0, width: 1, height: 2), theme: theme)
    #expect(g[0, 1].bg == .standard)
    #expect(g[0, 1].fg == .rgb(Colormap.diverging(1)))
  }

  @Test func heatmapMonochromeUsesShadesByMagnitude() {
    var g = CellGrid(width: 2, height: 3)
    Heatmap(columns: [[0, 0.5, 1]], units: 3).draw(
      into: &g, Rect(x: 0, y: 0, width: 1, height: 3), theme: Theme(color: false))
    #expect(g[0, 0].char == " ")
    #expect(g[0, 2].char == "@")
    #expect(g[0, 1].fg == .standard)
  }

  @Test func derivativePlotSigmoidPeakIsAQuarterOfTanh() {
    var plot = DerivativePlot(active: .tanh, marks: [])
    plot.curves = [.tanh, .sigmoid]
    let canvas = plot.canvas(columns: 30, rows: 10)  // 60 × 40 pixels
    func peakHeight(_ series: Int) -> Int {
      for y in 0..<canvas.pixelHeight {
        for x in 0..<canvas.pixelWidth where canvas.series(at: x, y) == series {
          return canvas.pixelHeight - 1 - y
        }
      }
      return -1
    }
    let tanhPeak = peakHeight(DerivativePlot.activeSeries)
    let sigPeak = peakHeight(DerivativePlot.inactiveSeries)
    #expect(tanhPeak == 39)
    #expect(abs(Double(sigPeak) - 39.0 / 4) <= 1, "σ' peak \(sigPeak) px vs tanh' \(tanhPeak) px")
    // On the grid: tanh' (active colour) reaches the top row, σ' (dim) tops out a quarter of the
    // way up.
    var g = CellGrid(width: 40, height: 12)
    plot.draw(into: &g, Rect(x: 0, y: 0, width: 40, height: 12), theme: theme)
    let rowsWith: (TermColor) -> [Int] = { color in
      (0..<12).filter { y in
        (5..<40).contains { x in g[x, y].fg == color && g[x, y].char.value >= 0x2800 }
      }
    }
    #expect(rowsWith(theme.tanhCurve).min() == 0)
    let sigTop = rowsWith(theme.dim).filter { y in
      (5..<40).contains { g[$0, y].char.value >= 0x2800 }
    }.min()!
    #expect(sigTop >= 7 && sigTop <= 9, "σ' top row \(sigTop) of 11 plot rows")
    #expect(g.rowText(0).hasPrefix("1.00┤"))
    #expect(g.rowText(11).contains("-6"))
  }

  @Test func reluDerivativeIsAStepAndSaturationIsCounted() {
    let plot = DerivativePlot(active: .relu, marks: [])
    let c = plot.canvas(columns: 30, rows: 10)
    // relu' = 0 left of 0 (bottom row of pixels), 1 right of it (top row).
    #expect(c.series(at: 10, 39) == DerivativePlot.activeSeries)
    #expect(c.series(at: 50, 0) == DerivativePlot.activeSeries)
    let sat = DerivativePlot.saturation(.tanh, [0, 0.1, 3, -4, 1])
    #expect(sat.linear == 2 && sat.saturated == 2 && sat.middle == 1)
    #expect(DerivativePlot.saturation(.sigmoid, [0]).linear == 1)  // σ'(0) is σ's peak
  }

  @Test func derivativePlotMarksFallOnTheActiveCurve() {
    let plot = DerivativePlot(active: .sigmoid, marks: [0])
    let c = plot.canvas(columns: 30, rows: 10)
    // x = 0 is pixel column 29.5 → 30; σ'(0) = 0.25 → pixel row (1 − 0.25)·39 ≈ 29.
    let markRows = (0..<c.pixelHeight).filter { c.series(at: 30, $0) == DerivativePlot.markSeries }
    #expect(markRows.contains(29))
    #expect(!markRows.contains(0))
  }

  @Test func logBarPlotBarsFallWhereTheNormsDo() {
    let norms: [Double?] = [1e-8, 1e-4, 1, nil, 1e-140 * 0 + 3e-6]
    var plot = LogBarPlot(values: norms)
    plot.gutter = 6
    #expect(plot.dataDecades == -8...0)
    #expect(plot.decadesPerRow(rows: 9) == 1)  // 8 decades over 9 rows: one per row, axis 1 … 1e-9
    #expect(LogBarPlot(values: [1e-2, 0.5]).decadesPerRow(rows: 8) == 0.25)
    var g = CellGrid(width: 12, height: 9)
    plot.draw(into: &g, Rect(x: 0, y: 0, width: 12, height: 9), theme: theme)
    // Column of each value is gutter + t; count the filled cells of each bar.
    func barTop(_ t: Int) -> Int? { (0..<9).first { g[6 + t, $0].char != " " } }
    #expect(barTop(2) == 0)  // 1 = the top decade: full height
    #expect(barTop(3) == nil)  // not computed: no bar
    let mid = barTop(1)!
    let low = barTop(0)!
    #expect(mid >= 3 && mid <= 5)  // 1e-4: half way up
    #expect(low == 8)  // 1e-8: exactly the bottom row, full
    #expect(g[6, 8].char == "█")
    #expect(g[6, 7].char == " ")
    #expect(barTop(4)! > mid)  // 3e-6 is below 1e-4
    // Decade labels at the top and bottom rows.
    #expect(g.rowText(0).hasPrefix("    1┤"))
    #expect(g.rowText(8).hasPrefix(" 1e-8┤"))
    #expect(g.rowText(2).hasPrefix(" 1e-2┤"))  // every other row, each exactly on its decade
    #expect(g.rowText(1).hasPrefix("     "))
    // Heights are ordered like the norms.
    #expect(plot.eighths(1e-8, rows: 9) < plot.eighths(3e-6, rows: 9))
    #expect(plot.eighths(3e-6, rows: 9) < plot.eighths(1e-4, rows: 9))
  }

  @Test func logBarPlotShowsTinyNormsAndFlagsNaN() {
    var plot = LogBarPlot(values: [1e-140, 1e-3, .nan, .infinity])
    plot.gutter = 7
    #expect(plot.dataDecades == -140...(-3))
    #expect(plot.decadesPerRow(rows: 6) == 23)  // ⌈137 / 6⌉: the axis runs 1e-3 … 1e-141
    var g = CellGrid(width: 12, height: 6)
    plot.draw(into: &g, Rect(x: 0, y: 0, width: 12, height: 6), theme: theme)
    #expect(g[7, 5].char != " ")  // 1e-140 still gets a visible bar
    #expect(g[7, 4].char == " ")
    #expect(g[8, 0].char == "█")  // 1e-3 reaches the top
    #expect(g[9, 5].char == "?")  // NaN
    #expect(g[10, 0].char == "!")  // Inf
    #expect(g.rowText(0).hasPrefix("  1e-3┤"))
    #expect(g.rowText(5).contains("1e-118┤"))  // the bottom row's top edge: −3 − 5·23
  }

  @Test func numberFormatKeepsTinyValuesReadable() {
    #expect(NumberFormat.scientific(3.21e-140) == "3.21e-140")
    #expect(NumberFormat.short(0.5) == "0.500")
    #expect(NumberFormat.short(-2e-7) == "-2.00e-7")
    #expect(NumberFormat.short(.nan) == "NaN")
  }

  @Test func gridClipsWritesOutsideAndFramesFit() {
    var g = CellGrid(width: 3, height: 2)
    g.text(1, 0, "hello")
    g.put(-1, 5, "x")
    #expect(g.rowText(0) == " he")
    g.frame(Rect(x: 0, y: 0, width: 3, height: 2), title: "t", style: theme)
    #expect(g.rowText(0) == "┌─┐")
    #expect(g.rowText(1) == "└─┘")
  }

  @Test func colormapEndsAndLegend() {
    #expect(Colormap.diverging(-5) == Colormap.diverging(-1))
    #expect(Colormap.sequential(0) == RGB(68, 1, 84))
    #expect(Colormap.sequential(1) == RGB(253, 231, 37))
    var g = CellGrid(width: 20, height: 1)
    DivergingLegend().draw(into: &g, x: 0, y: 0, width: 20, theme: theme)
    #expect(g.rowText(0).hasPrefix("-1 █"))
    #expect(g.rowText(0).hasSuffix("█ +1"))
    #expect(redness(g[3, 0].fg) < redness(g[16, 0].fg))
  }
}

/// NaN and ±Inf show distinctly, never as ordinary colours.
struct NonFiniteViewTests {
  @Test func heatmapMarksNaNAndInfinityWithTheirOwnColours() {
    var g = CellGrid(width: 2, height: 2)
    Heatmap(columns: [[.nan, .infinity, -.infinity, 0]], units: 4).draw(
      into: &g, Rect(x: 0, y: 0, width: 1, height: 2), theme: Theme())
    let nan = g[0, 0].fg
    let inf = g[0, 0].bg
    let ninf = g[0, 1].fg
    let zero = g[0, 1].bg
    #expect(nan == .rgb(RGB(255, 0, 255)))
    #expect(inf == .rgb(RGB(255, 255, 255)))
    #expect(ninf == .rgb(RGB(0, 0, 0)))
    #expect(Set([nan, inf, ninf, zero]).count == 4)
    #expect(!Colormap.coolWarm.map { TermColor.rgb($0.1) }.contains(nan))
  }
}
