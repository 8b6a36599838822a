import Foundation
import FoundationXML
import Testing

/// `export` from the real binary: a session played headless by `rnnscope run` writes its figures
/// and numbers beside itself; the visualizer exports at the size of its terminal.
@Suite(.serialized)
struct ExportEndToEndTests {
  func folder() throws -> String {
    let d = NSTemporaryDirectory() + "rnnscope-export-e2e-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }

  static func size(_ svgFile: String) throws -> (String?, String?) {
    let doc = try XMLDocument(xmlString: String(contentsOfFile: svgFile, encoding: .utf8))
    let attrs = doc.rootElement()?.attributes ?? []
    return (
      attrs.first { $0.name == "width" }?.stringValue,
      attrs.first { $0.name == "height" }?.stringValue
    )
  }

  @Test func aSessionRunHeadlessExportsBesideItself() throws {
    let dir = try folder()
    let session = """
      step 12
      backward
      export svg fig/heat.svg panel=heatmap size=100x30 theme=light
      export svg screen.svg
      export csv grad.csv panel=gradient
      """
    try FileManager.default.createDirectory(
      atPath: dir + "/fig", withIntermediateDirectories: true)
    try session.write(toFile: dir + "/s.rnns", atomically: true, encoding: .utf8)
    guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
    let r = try spawn([bin, "run", dir + "/s.rnns"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("exported the heatmap panel ("))
    #expect(r.stdout.contains(" cells) to \(dir)/fig/heat.svg"))
    #expect(r.stdout.contains("exported the screen (120x40 cells) to \(dir)/screen.svg"))
    #expect(try Self.size(dir + "/screen.svg") == ("1200", "800"))
    let heat = try Self.size(dir + "/fig/heat.svg")
    #expect(heat.0 != nil && heat.1 != nil)
    let csv = try String(contentsOfFile: dir + "/grad.csv", encoding: .utf8)
    let rows = csv.split(separator: "\r\n")
    #expect(rows.first == "t,last_loss_h,total_loss_h,bound,factor")
    #expect(rows.count == 13)
    // An error stops the run at its line, with the reason.
    try "export svg nowhere/x.svg\n".write(
      toFile: dir + "/bad.rnns", atomically: true, encoding: .utf8)
    let bad = try spawn([bin, "run", dir + "/bad.rnns"])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("bad.rnns:1: \(dir)/nowhere/x.svg: the folder"))
  }

  @Test func theVisualizerExportsAtItsTerminalsSize() throws {
    let dir = try folder()
    let t = try TmuxSession(width: 100, height: 30, arguments: ["tui"])
    try t.waitFor("step 0/73")
    try t.send("Space")
    try t.waitFor("step 1/73")
    try t.send(":")
    try t.send("-l", "export svg \(dir)/shown.svg")
    try t.send("Enter")
    try t.waitFor("exported the screen (100x30 cells)")
    #expect(try Self.size(dir + "/shown.svg") == ("1000", "600"))
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }
}

/// The README's figures are the ones scripts/figures makes.
struct FigureScriptTests {
  @Test(arguments: ["heatmap.svg", "units.svg", "fixed-points.svg"])
  func theCommittedFigureIsTheScriptsOutput(_ name: String) throws {
    let root = SessionCLITests.root.path
    guard let bin = TmuxSession.binary() else { throw HarnessError("binary not built") }
    let dir = NSTemporaryDirectory() + "rnnscope-figures-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let r = try spawn(["env", "FIGURES_OUT=\(dir)", root + "/scripts/figures", bin])
    #expect(r.status == 0, "\(r.stderr)")
    let made = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
    let committed = try String(
      contentsOfFile: root + "/docs/figures/" + name, encoding: .utf8)
    // The same picture: every line the same but for a colour or two that the last bits of a
    // different BLAS kernel could move across a rounding edge.
    let a = made.split(separator: "\n")
    let b = committed.split(separator: "\n")
    #expect(a.count == b.count)
    #expect(a.first == b.first && a.dropFirst().first == b.dropFirst().first, "size")
    let differing = zip(a, b).filter { $0 != $1 }.count
    #expect(differing * 100 <= a.count, "\(differing) of \(a.count) lines differ")
  }
}
