import Foundation
import FoundationXML
import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// `export svg|csv`: the picture is the screen's cell grid (its size, its colours, also once
/// rendered by librsvg), the numbers are the engine's; the visualizer exports at the size shown.
struct ExportTests {
  let dir: String = {
    let d = NSTemporaryDirectory() + "rnnscope-export-\(getpid())-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }()

  func run(_ line: String, _ s: inout ScopeState) -> CommandResult {
    CommandLanguage.execute(line, on: &s, context: CommandContext(headless: true, directory: dir))
  }

  /// Twenty steps of the default model (a vanilla tanh RNN), backpropagated.
  func stepped() throws -> ScopeState {
    var s = try ScopeState()
    #expect(run("step 20", &s).isMessage)
    _ = run("backward", &s)
    #expect(s.bptt != nil)
    return s
  }

  static func attr(_ e: XMLElement, _ name: String) -> String? {
    e.attributes?.first { $0.name == name }?.stringValue
  }

  static func rects(_ svg: String) throws -> [XMLElement] {
    let doc = try XMLDocument(xmlString: svg)
    var out: [XMLElement] = []
    func walk(_ e: XMLElement) {
      if e.name == "rect" { out.append(e) }
      for c in e.children ?? [] { if let x = c as? XMLElement { walk(x) } }
    }
    if let root = doc.rootElement() { walk(root) }
    return out
  }

  /// The fill of the last rectangle covering the point (later ones are drawn over earlier ones).
  static func fill(_ rects: [XMLElement], at x: Double, _ y: Double) -> String? {
    rects.last { e in
      let rx = Double(attr(e, "x") ?? "0")!
      let ry = Double(attr(e, "y") ?? "0")!
      let w = Double(attr(e, "width")!)!
      let h = Double(attr(e, "height")!)!
      return rx <= x && x < rx + w && ry <= y && y < ry + h
    }.flatMap { attr($0, "fill") }
  }

  static func rgb(_ c: TermColor) -> RGB? {
    if case .rgb(let v) = c { return v } else { return nil }
  }

  /// The heatmap's cells on the screen: (x, y) relative to the panel, the upper unit's colour
  /// (▀'s foreground) and the lower's (its background).
  static func heatmapCells(_ g: ScopeGrid) -> [(x: Int, y: Int, upper: RGB, lower: RGB)] {
    guard let r = g.rect(.heatmap) else { return [] }
    var out: [(Int, Int, RGB, RGB)] = []
    for y in r.y..<r.maxY {
      for x in r.x..<r.maxX {
        let c = g.grid[x, y]
        guard c.char == "▀", let f = rgb(c.fg), let b = rgb(c.bg) else { continue }
        out.append((x - r.x, y - r.y, f, b))
      }
    }
    return out
  }

  @Test func aPanelsSVGHasItsSizeAndTheColoursOfItsCells() throws {
    var s = try stepped()
    // Headless: drawn at 120×40, as ScopeGrid draws it.
    let g = ScopeGrid(s)
    let r = try #require(g.rect(.heatmap))
    #expect(
      run("export svg heat.svg panel=heatmap", &s)
        == .message("exported the heatmap panel (\(r.width)x\(r.height) cells) to \(dir)/heat.svg"))
    let svg = try String(contentsOfFile: dir + "/heat.svg", encoding: .utf8)
    let doc = try XMLDocument(xmlString: svg)
    let root = try #require(doc.rootElement())
    let (w, h) = (r.width * SVGWriter.cellWidth, r.height * SVGWriter.cellHeight)
    #expect(Self.attr(root, "width") == "\(w)")
    #expect(Self.attr(root, "height") == "\(h)")
    #expect(Self.attr(root, "viewBox") == "0 0 \(w) \(h)")
    let cells = Self.heatmapCells(g)
    #expect(cells.count >= 20 * 8, "the heatmap's 16 units × 20 steps")
    let rects = try Self.rects(svg)
    let cw = Double(SVGWriter.cellWidth)
    let ch = Double(SVGWriter.cellHeight)
    for c in cells {
      let x = (Double(c.x) + 0.5) * cw
      #expect(Self.fill(rects, at: x, (Double(c.y) + 0.25) * ch) == SVGWriter.hex(c.upper))
      #expect(Self.fill(rects, at: x, (Double(c.y) + 0.75) * ch) == SVGWriter.hex(c.lower))
    }
    // The panel's corner (its frame's line is drawn over the middle of the cell) is the theme's
    // background, dark or light.
    #expect(Self.fill(rects, at: 1, 1) == SVGWriter.hex(SVGTheme.dark.background))
    _ = run("export svg light.svg panel=heatmap theme=light", &s)
    let light = try Self.rects(String(contentsOfFile: dir + "/light.svg", encoding: .utf8))
    #expect(Self.fill(light, at: 1, 1) == SVGWriter.hex(SVGTheme.light.background))
    let c = cells[0]
    #expect(
      Self.fill(light, at: (Double(c.x) + 0.5) * cw, (Double(c.y) + 0.25) * ch)
        == SVGWriter.hex(c.upper), "the data's colours are the same in both themes")
  }

  /// A pure-Python PNG reader (zlib alone, no imaging library): prints the size, then the RGB of
  /// each "x,y" asked for.
  static let pngPixels = """
    import sys, zlib, struct
    data = open(sys.argv[1], 'rb').read()
    assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
    pos, idat = 8, b''
    while pos < len(data):
        n, = struct.unpack('>I', data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
    assert depth == 8 and interlace == 0 and ctype in (2, 6)
    bpp = 4 if ctype == 6 else 3
    raw, stride = zlib.decompress(idat), w * bpp
    rows, prev, i = [], bytearray(stride), 0
    for y in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    print(w, h)
    for arg in sys.argv[2:]:
        x, y = map(int, arg.split(','))
        print(*rows[y][x * bpp:x * bpp + 3])
    """

  /// librsvg renders the exported heatmap: sampled pixels of its cells are the grid's colours.
  @Test func librsvgDrawsTheHeatmapsCellsInTheirColours() throws {
    guard ExternalTool.exists("rsvg-convert"), ExternalTool.exists("python3") else {
      // scripts/deps.sh installs librsvg2-bin and python3 with the tests' tools (scripts/test).
      Issue.record("rsvg-convert or python3 missing: scripts/deps.sh --with-tmux installs them")
      return
    }
    var s = try stepped()
    _ = run("export svg heat.svg panel=heatmap", &s)
    let png = dir + "/heat.png"
    let converted = ExternalTool.run(["rsvg-convert", dir + "/heat.svg", "-o", png])
    #expect(converted?.status == 0)
    let cells = Self.heatmapCells(ScopeGrid(s))
    // Upper and lower halves' centres, in pixels.
    let points = cells.flatMap { c -> [(Int, Int, RGB)] in
      let x = c.x * SVGWriter.cellWidth + SVGWriter.cellWidth / 2
      let y = c.y * SVGWriter.cellHeight
      return [
        (x, y + SVGWriter.cellHeight / 4, c.upper), (x, y + 3 * SVGWriter.cellHeight / 4, c.lower),
      ]
    }
    #expect(points.count >= 2 * 20 * 8)
    let script = dir + "/png.py"
    try Self.pngPixels.write(toFile: script, atomically: true, encoding: .utf8)
    let out = try #require(
      ExternalTool.run(["python3", script, png] + points.map { "\($0.0),\($0.1)" }))
    #expect(out.status == 0)
    let lines = out.output.split(separator: "\n")
    let r = try #require(ScopeGrid(s).rect(.heatmap))
    #expect(
      lines.first == "\(r.width * SVGWriter.cellWidth) \(r.height * SVGWriter.cellHeight)")
    #expect(lines.count == points.count + 1)
    for (p, line) in zip(points, lines.dropFirst()) {
      let v = line.split(separator: " ").compactMap { Int($0) }
      let want = [Int(p.2.r), Int(p.2.g), Int(p.2.b)]
      #expect(
        v.count == 3 && zip(v, want).allSatisfy { abs($0 - $1) <= 2 },
        "pixel \(p.0),\(p.1): \(v) vs \(want)")
    }
  }

  func csv(_ file: String) throws -> [[String]] {
    let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
    return text.split(separator: "\r\n", omittingEmptySubsequences: true).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  @Test func theGradientCSVHasTheEnginesNorms() throws {
    var s = try stepped()
    #expect(run("export csv grad.csv panel=gradient", &s).isMessage)
    let rows = try csv("grad.csv")
    #expect(rows[0] == ["t", "last_loss_h", "total_loss_h", "bound", "factor"])
    let b = try #require(s.bptt)
    #expect(rows.count == 1 + b.hiddenGradNorms[0].count)
    let factors = GradientFactors.perStep(b.lastLossHiddenGradNorms[0])
    let sigma = ScopeSpectrum(s, reusing: nil).figures.sigmaMax
    let bound = ScopeFrame.bound(s, count: factors.count, sigmaMax: sigma)
    for (i, row) in rows.dropFirst().enumerated() {
      #expect(row[0] == "\(i + 1)")
      #expect(Double(row[1]) == b.lastLossHiddenGradNorms[0][i])
      #expect(Double(row[2]) == b.hiddenGradNorms[0][i])
      #expect(Double(row[3]) == bound[i])
      #expect(Double(row[4]) == factors[i], "t=\(i + 1)")
    }
    // The measure shown does not change what is written.
    _ = run("set measure=total", &s)
    _ = run("export csv total.csv panel=gradient", &s)
    #expect(try csv("total.csv") == rows)
  }

  @Test func anLSTMsGradientCSVHasTheCellStatesMeasures() throws {
    var s = try ScopeState()
    _ = run("model cell=lstm hidden=8", &s)
    _ = run("step 12", &s)
    _ = run("backward", &s)
    _ = run("export csv lstm.csv panel=gradient", &s)
    let rows = try csv("lstm.csv")
    #expect(
      rows[0] == [
        "t", "last_loss_h", "total_loss_h", "last_loss_c", "total_loss_c", "bound", "factor",
      ])
    let b = try #require(s.bptt)
    for (i, row) in rows.dropFirst().enumerated() {
      #expect(Double(row[3]) == b.lastLossCellGradNorms?[0][i])
      #expect(Double(row[4]) == b.cellGradNorms?[0][i])
      #expect(row[5] == "", "no bound for an LSTM")
    }
  }

  @Test func theHeatmapSpectrumDerivativeAndTrainingCSVsHoldTheirPanelsNumbers() throws {
    var s = try stepped()
    _ = run("export csv heat.csv panel=heatmap", &s)
    let heat = try csv("heat.csv")
    #expect(heat[0] == ["t", "section", "unit", "value"])
    #expect(heat.count == 1 + 20 * 16)
    for row in heat.dropFirst() {
      let t = Int(row[0])! - 1
      #expect(row[1] == "h")
      #expect(Double(row[3]) == s.record(t)!.hidden[0][Int(row[2])!])
    }
    _ = run("export csv eig.csv panel=spectrum", &s)
    let eig = try csv("eig.csv")
    let want = ScopeSpectrum(s, reusing: nil).eigenvalues
    #expect(eig.count == 1 + want.count && want.count == 16)
    for (row, e) in zip(eig.dropFirst(), want) {
      #expect(Double(row[0]) == e.re && Double(row[1]) == e.im && Double(row[2]) == e.magnitude)
    }
    _ = run("export csv d.csv panel=derivative", &s)
    let d = try csv("d.csv")
    let points = d.filter { $0[0] == "point" }
    let a = s.record(s.cursor)!.layers[0].preActivation
    #expect(points.map { Double($0[2])! } == a)
    #expect(points.map { Double($0[3])! } == a.map { 1 - tanh($0) * tanh($0) })
    #expect(d.filter { $0[0] == "relu" }.count == 241)
    #expect(run("export csv t.csv panel=training", &s) == .error("no training yet: train N, or t"))
    _ = run("train 12", &s)
    _ = run("export csv t.csv panel=training", &s)
    let t = try csv("t.csv")
    let h = s.history
    #expect(t.count == 1 + h.steps.count && h.steps.count == 12)
    for (i, row) in t.dropFirst().enumerated() {
      #expect(Int(row[0]) == h.steps[i])
      #expect(Double(row[1]) == h.loss[i])
      #expect(Double(row[3]) == h.gradNorm[i])
      let after = Double(row[5])!
      #expect(
        h.clipped[i] ? after < h.gradNorm[i] && abs(after - 1) < 1e-5 : after == h.gradNorm[i])
    }
  }

  @Test func pythonsCSVReaderReadsEveryPanelsCSV() throws {
    guard ExternalTool.exists("python3") else {
      Issue.record("python3 missing: scripts/deps.sh --with-tmux installs it")
      return
    }
    var s = try stepped()
    _ = run("train 3", &s)
    let panels = ["heatmap", "gradient", "derivative", "spectrum", "training", "sequence"]
    for p in panels { #expect(run("export csv \(p).csv panel=\(p)", &s).isMessage) }
    let check = """
      import csv, sys
      for f in sys.argv[1:]:
          rows = list(csv.reader(open(f, newline='')))
          assert len(rows) > 1 and len({len(r) for r in rows}) == 1, f
          for r in rows[1:]:
              for v in r:
                  try: float(v)
                  except ValueError: pass
          print(len(rows))
      """
    let out = try #require(
      ExternalTool.run(["python3", "-c", check] + panels.map { "\(dir)/\($0).csv" }))
    #expect(out.status == 0)
    #expect(out.output.split(separator: "\n").count == panels.count)
  }

  @Test func refusalsAreClear() throws {
    var s = try stepped()
    #expect(
      run("export svg /nonexistent-folder/x.svg", &s)
        == .error("/nonexistent-folder/x.svg: the folder /nonexistent-folder does not exist"))
    #expect(
      run("export svg x.svg panel=spectrum", &s)
        == .error(
          "the spectrum panel is not on the screen at 120x40 (view spectrum brings it on;"
            + " or a larger size=)"))
    #expect(
      run("export svg x.svg size=12x5", &s)
        == .error("size must be COLSxROWS, from 80x24 to 1000x1000 (got 12x5)"))
    if case .error(let e) = run("export svg x.svg panel=heatmp", &s) {
      #expect(e.hasPrefix("unknown panel 'heatmp' (did you mean heatmap?)"))
    } else {
      Issue.record("an unknown panel is refused")
    }
    #expect(
      run("export csv x.csv", &s)
        == .error(
          "export csv needs panel=NAME (one of sequence, heatmap, units, gradient, readout,"
            + " derivative, spectrum, training, trajectory)"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/x.svg"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/x.csv"))
  }

  @Test func theVisualizerExportsAtTheSizeOnScreenAndEExportsTheFocusedPanel() throws {
    var v = Visualizer(state: try stepped())
    v.screenSize = ExportRequest.Size(columns: 100, rows: 30)
    for key in [Key.char(":")] + "export svg \(dir)/shown.svg".map(Key.char) + [.enter] {
      _ = v.handle(key)
    }
    #expect(v.state.message == "exported the screen (100x30 cells) to \(dir)/shown.svg")
    let doc = try XMLDocument(
      xmlString: String(contentsOfFile: dir + "/shown.svg", encoding: .utf8))
    #expect(Self.attr(doc.rootElement()!, "width") == "\(100 * SVGWriter.cellWidth)")
    // size= wins over the screen's.
    for key in [Key.char(":")] + "export svg \(dir)/big.svg size=140x50".map(Key.char) + [.enter] {
      _ = v.handle(key)
    }
    #expect(v.state.message == "exported the screen (140x50 cells) to \(dir)/big.svg")
    // E: the focused panel, to the default name.
    #expect(
      KeyMap.action(for: .char("E"), state: v.state)
        == .export(ExportRequest(format: .svg, path: nil, panel: .heatmap)))
    #expect(KeyMap.bindings.contains { $0.keys == "E" })
  }

  @Test func theDefaultNameIsTheTimeAndNeverAnExistingFile() throws {
    let when = Date(timeIntervalSince1970: 0)
    let first = ScopeState.defaultExportPath(in: dir, format: .svg, now: when)
    #expect(first.hasPrefix(dir + "/rnnscope-19"))
    #expect(first.hasSuffix(".svg"))
    try "x".write(toFile: first, atomically: true, encoding: .utf8)
    let second = ScopeState.defaultExportPath(in: dir, format: .svg, now: when)
    #expect(second == first.dropLast(4) + "-2.svg")
  }
}

extension CommandResult {
  var isMessage: Bool {
    if case .message = self { return true }
    return false
  }
}
