import Foundation
import RNNCore
import RNNViews
import Testing

@testable import RNNScopeApp

/// `fixed` in the command language on hand-built tanh RNNs whose fixed points are known: h ↦
/// tanh(W h) with W = diag(w) (x* = 0); the flip-flop's pulses on channel k drive unit k, so the
/// tape visits both signs of every unit and holds the zero state before the first pulse.
struct FixedPointsTests {
  static func run(_ line: String, _ s: inout ScopeState) {
    if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(line): \(e)") }
  }

  static func message(_ line: String, _ s: inout ScopeState) -> String {
    switch CommandLanguage.execute(line, on: &s) {
    case .message(let m): return m
    case let other:
      Issue.record("\(line): \(other)")
      return ""
    }
  }

  static func refusal(_ line: String, _ s: inout ScopeState) -> String {
    guard case .error(let e) = CommandLanguage.execute(line, on: &s) else {
      Issue.record("\(line) was not refused")
      return ""
    }
    return e
  }

  /// The flip-flop task (3 channels) read by a tanh RNN of `w.count` units: W_hh = diag(w),
  /// channel k → unit k with weight 3, no biases, readout k = h_k; the whole sequence stepped.
  static func state(_ w: [Double]) throws -> ScopeState {
    var s = try ScopeState()
    run("task flipflop", &s)
    run("model hidden=\(w.count)", &s)
    var p = ModelParameters(zerosFor: s.config)
    for i in w.indices {
      p.layers[0].weightHH[i, i] = w[i]
      p.layers[0].weightIH[i, i] = 3
      p.fcWeight[i, i] = 1
    }
    s.session.model = Model(config: s.config, parameters: p)
    s.replay()
    run("run", &s)
    return s
  }

  /// The positive root of h = tanh(w h) (w > 1), by bisection.
  static func root(_ w: Double) -> Double {
    var lo = 0.01
    var hi = 1.0
    for _ in 0..<200 {
      let mid = (lo + hi) / 2
      if tanh(w * mid) - mid > 0 { lo = mid } else { hi = mid }
    }
    return (lo + hi) / 2
  }

  @Test func findsTheThreePointsOfOneUnitWithWeightTwo() throws {
    var s = try Self.state([2])
    let h = s.pass.steps.map { $0.hidden[0][0] }
    try #require(h.contains(0) && h.contains { $0 > 0.5 } && h.contains { $0 < -0.5 })
    let text = Self.message("fixed", &s)
    let f = try #require(s.fixedPoints)
    let a = Self.root(2)
    #expect(abs(a - 0.9575) < 1e-4)
    let byState = f.report.points.sorted { $0.state[0] < $1.state[0] }
    #expect(byState.count == 3)
    for (p, want) in zip(byState, [-a, 0, a]) {
      #expect(p.isFixed && abs(p.state[0] - want) < 1e-10)
      #expect(p.stability == (want == 0 ? .unstable : .stable))
      #expect(abs(p.eigenvalues[0].re - 2 * (1 - want * want)) < 1e-9)
    }
    // The report as the CLI prints it: each point's lines, and the counts.
    #expect(text.contains("x* = zero; 64 starts; 3 fixed and 0 slow points (tol 1e-12)"))
    for i in 0..<3 {
      for line in f.report.lines(ofPoint: i, eigenvalues: 4) { #expect(text.contains(line)) }
    }
    #expect(text.contains("  3  fixed  q ") && text.contains("unstable\n"))
    #expect(text.contains("2 stable · 1 unstable"))
    // Its numbers as data: stability by name, the states.
    guard case .object(let o) = s.fixedPointsData(), case .array(let points)? = o["points"]
    else {
      Issue.record("no points in the data")
      return
    }
    let names = points.compactMap { p -> String? in
      guard case .object(let q) = p, case .string(let n)? = q["stability"] else { return nil }
      return n
    }
    #expect(names.sorted() == ["stable", "stable", "unstable"])
    #expect(o["stale"] == .bool(false))
  }

  /// Where the panel puts its points: the pixel of each on the plot's canvas (the legend's row
  /// below it), one bounding box for the path and the points.
  static func cells(_ g: ScopeGrid) throws -> (
    plot: Rect, cells: [(Int, Int)], panel: TrajectoryPanel
  ) {
    let panel = try #require(g.frame.trajectory)
    let inner = try #require(g.rect(.trajectory)).inset(1)
    let plot = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
    let all = TrajectoryPanel.pixels(
      panel.points + panel.fixedPoints.map { ($0.x, $0.y) }, w: plot.width * 2,
      h: plot.height * 4)
    let cells = all.dropFirst(panel.points.count).map { (plot.x + $0.0 / 2, plot.y + $0.1 / 4) }
    return (plot, cells, panel)
  }

  @Test func marksThePointsInTheTrajectoryPanel() throws {
    // diag(2, 3): stable points at (±a₂, ±a₃), saddles where one unit is 0, the origin unstable.
    var s = try Self.state([2, 3])
    Self.run("fixed", &s)
    Self.run("view trajectory", &s)
    let f = try #require(s.fixedPoints)
    #expect(f.counts.map(\.name).contains("stable") && f.counts.map(\.name).contains("saddle"))
    let g = ScopeGrid(s)
    let (_, cells, panel) = try Self.cells(g)
    #expect(panel.fixedPoints.count == f.report.points.count)
    // Each distinct cell shows the glyph of the last point drawn there: stable ones over saddles.
    var seenStable = false
    for (k, p) in f.report.points.enumerated() {
      let (x, y) = cells[k]
      let others = cells.indices.filter { cells[$0] == cells[k] && $0 != k }
      guard others.isEmpty else { continue }
      let cell = g.grid[x, y]
      switch p.stability {
      case .stable:
        #expect(cell.char == "●" && cell.fg == g.theme.good, "point \(k + 1)")
        seenStable = true
      case .saddle, .unstable: #expect(cell.char == "○" && cell.fg == g.theme.error)
      case .marginal: #expect(cell.char == "◆")
      }
    }
    #expect(seenStable)
    // A saddle's unstable direction: the segment's end cell, in the unstable colour.
    let saddle = try #require(
      f.report.points.indices.first { f.report.points[$0].stability == .saddle(unstable: 1) })
    let d = try #require(panel.fixedPoints[saddle].directions.first)
    #expect(f.directions[saddle].count == 1)
    let inner = try #require(g.rect(.trajectory)).inset(1)
    let arm = Double(max(3, min(inner.width * 2, (inner.height - 2) * 4) / 6))
    let ex = Int((d.0 * arm).rounded())
    let ey = Int((-d.1 * arm).rounded())
    #expect(ex != 0 || ey != 0)
    let px = TrajectoryPanel.pixels(
      panel.points + panel.fixedPoints.map { ($0.x, $0.y) }, w: inner.width * 2,
      h: (inner.height - 2) * 4)[panel.points.count + saddle]
    let end = g.grid[inner.x + (px.0 + ex) / 2, inner.y + 1 + (px.1 + ey) / 4]
    #expect(end.fg == g.theme.error, "\(end)")
    // The legend's counts, with their glyphs.
    let legend = g.text(inner.maxY - 1, inner.x, inner.maxX)
    let stable = f.counts.first { $0.name == "stable" }!.count
    let saddles = f.counts.first { $0.name == "saddle" }!.count
    #expect(legend.contains("\(stable) stable ● · \(saddles) saddle ○"), "\(legend)")
    // ASCII: O for a stable point.
    let ascii = ScopeGrid(s, theme: Theme(glyphs: .ascii, color: false))
    let k = try #require(f.report.points.indices.first { f.report.points[$0].stability == .stable })
    #expect(ascii.grid[cells[k].0, cells[k].1].char == "O")
  }

  @Test func staleAfterTrainingDroppedWithTheModel() throws {
    var s = try Self.state([2])
    Self.run("fixed", &s)
    Self.run("view trajectory", &s)
    #expect(!s.fixedPointsAreStale)
    // Headless, training runs here and now; its model replaces the one searched.
    _ = CommandLanguage.execute("train 1", on: &s, context: CommandContext(headless: true))
    #expect(s.fixedPoints != nil && s.fixedPointsAreStale)
    let g = ScopeGrid(s)
    let inner = try #require(g.rect(.trajectory)).inset(1)
    #expect(g.text(inner.maxY - 1, inner.x, inner.maxX).contains("stale"))
    let (_, cells, _) = try Self.cells(g)
    #expect(cells.allSatisfy { g.grid[$0.0, $0.1].fg == g.theme.dim })
    // Rebuilt or initialised: the points are dropped.
    Self.run("fixed", &s)
    Self.run("init orthogonal", &s)
    #expect(s.fixedPoints == nil)
    Self.run("run", &s)
    Self.run("fixed", &s)
    Self.run("model hidden=3", &s)
    #expect(s.fixedPoints == nil)
  }

  @Test func selectionDrivesTheSpectrumPanel() throws {
    var s = try Self.state([2])
    Self.run("fixed", &s)
    let points = try #require(s.fixedPoints).report.points
    let u = try #require(points.firstIndex { $0.stability == .unstable })
    let said = Self.message("fixed select \(u + 1)", &s)
    #expect(said.hasPrefix("fixed point \(u + 1) of 3: unstable"))
    var g = ScopeGrid(s)
    var r = try #require(g.rect(.spectrum))
    #expect(g.text(r.y, r.x, r.maxX).contains("∂F/∂s at point \(u + 1) (unstable)"))
    let two = NumberFormat.short(points[u].eigenvalues[0].magnitude)
    #expect(two == NumberFormat.short(2))
    #expect(g.text(r.y + 1, r.x + 1, r.maxX - 1).hasPrefix("ρ = \(two)   1 of 1 × outside"))
    // } selects the next point (a stable one here), { goes back.
    s.apply(KeyMap.action(for: .char("}"), state: s))
    let next = (u + 1) % 3
    #expect(s.fixedPoints?.selected == next)
    g = ScopeGrid(s)
    r = try #require(g.rect(.spectrum))
    #expect(g.text(r.y, r.x, r.maxX).contains("∂F/∂s at point \(next + 1) (stable)"))
    let rho = NumberFormat.short(points[next].eigenvalues[0].magnitude)
    #expect(g.text(r.y + 1, r.x + 1, r.maxX - 1).hasPrefix("ρ = \(rho)   0 of 1"))
    s.apply(KeyMap.action(for: .char("{"), state: s))
    #expect(s.fixedPoints?.selected == u)
    // Off: the weights' spectrum again.
    Self.run("fixed select off", &s)
    g = ScopeGrid(s)
    r = try #require(g.rect(.spectrum))
    #expect(g.text(r.y, r.x, r.maxX).contains("eigenvalues of W_hh"))
    #expect(KeyMap.bindings.contains { $0.keys == "{  }" })
  }

  @Test func refusesBadOptionsAndStates() throws {
    var s = try ScopeState()
    #expect(Self.refusal("fixed", &s).contains("no steps on the tape yet"))
    s.apply(KeyMap.action(for: .char("}"), state: s))
    #expect(s.message == "error: { and }: no fixed points yet (fixed finds them)")
    Self.run("step 5", &s)
    #expect(
      Self.refusal("fixed starts=0", &s) == "starts must be a whole number from 1 to 1000 (got 0)")
    #expect(Self.refusal("fixed tol=-1", &s) == "tol must be > 0 and ≤ 1 (got -1)")
    #expect(Self.refusal("fixed input=sideways", &s).hasPrefix("input: zero, mean or a step"))
    #expect(Self.refusal("fixed input=9", &s) == "fixed: input=9: the tape holds steps 1…5")
    #expect(Self.refusal("fixed select 1", &s).contains("no fixed points yet"))
    #expect(Self.refusal("fixed sideways", &s).hasPrefix("usage: fixed"))
    #expect(Self.refusal("fixed select 0", &s).contains("from 1"))
    Self.run("fixed starts=4", &s)
    let n = try #require(s.fixedPoints).report.points.count
    #expect(
      Self.refusal("fixed select \(n + 1)", &s)
        == "fixed select: the points are 1…\(n) (got \(n + 1))")
    Self.run("model hidden=300", &s)
    Self.run("step 2", &s)
    #expect(Self.refusal("fixed", &s).contains("state has 300 values"))
    #expect(CommandLanguage.help(nil).contains("  fixed — "))
  }

  @Test func exportsThePointsWithTheTrajectory() throws {
    var s = try Self.state([2])
    Self.run("fixed", &s)
    let rows = try PanelCSV.csv(s, panel: .trajectory).split(separator: "\r\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(rows[0] == ["t", "pc1", "pc2", "point", "stability", "unstable"])
    let points = rows.filter { $0[0].isEmpty }
    #expect(points.map { $0[3] } == ["1", "2", "3"])
    #expect(points.map { $0[4] }.sorted() == ["stable", "stable", "unstable"])
    let panel = ScopeFrame.trajectory(s, focused: false)
    #expect(points.map { Double($0[1])! } == panel.fixedPoints.map(\.x))
    #expect(rows.count == 1 + s.pass.steps.count + 3)
    // The spectrum panel's numbers follow the selection, as the panel does.
    Self.run("fixed select 1", &s)
    let spectrum = try PanelCSV.csv(s, panel: .spectrum).split(separator: "\r\n")
    let lambda = try #require(s.fixedPoints).report.points[0].eigenvalues[0]
    #expect(spectrum == ["re,im,abs", "\(lambda.re),\(lambda.im),\(lambda.magnitude)"])
    Self.run("fixed select off", &s)
    #expect(try PanelCSV.csv(s, panel: .spectrum).split(separator: "\r\n")[1].hasPrefix("2.0,"))
  }

  /// In the visualizer the search is long work, a start per slice: the progress line counts the
  /// starts, the points come when the last is done; Esc keeps the points of the starts done.
  @Test func searchesInSlicesAndEscKeepsThePointsSoFar() throws {
    var s = try Self.state([2])
    s.interactive = true
    Self.run("fixed starts=40", &s)
    #expect(s.work != nil && s.fixedPoints == nil)
    #expect(
      s.message == "fixed points: start 1 of 40 — Esc stops (keeps the points so far), q quits")
    // One slice of no time runs one start.
    _ = s.continueWork(budget: 0)
    #expect(s.message?.hasPrefix("fixed points: start 2 of 40") == true, "\(s.message ?? "")")
    while s.work != nil { _ = s.continueWork(budget: 0.01) }
    let whole = try #require(s.fixedPoints)
    #expect(whole.report.starts == 40 && whole.report.points.count == 3)
    #expect(s.view.output?.title == "fixed")
    #expect(s.message == "fixed: 3 points, in the output pane and the trajectory panel")
    // Stopped after 2 starts: a report of those 2.
    Self.run("fixed starts=40", &s)
    _ = s.continueWork(budget: 0)
    _ = s.continueWork(budget: 0)
    s.apply(KeyMap.action(for: .escape, state: s))
    #expect(s.work == nil)
    #expect(s.fixedPoints?.report.starts == 2)
    #expect(s.message?.hasPrefix("fixed points: stopped after 2 of 40 starts; fixed: ") == true)
  }
}
