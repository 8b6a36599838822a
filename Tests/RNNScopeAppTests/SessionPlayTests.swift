import Foundation
import RNNViews
import Testing

@testable import RNNScopeApp

/// Every session in Sessions/, played pause by pause as a lecturer plays it, at 120×40 and at
/// 80×24: at every pause the caption is on screen whole, and the panel the pause directs to (its
/// `view`) is on screen — for the heatmap, scrolled to the section named.
struct SessionPlayTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sessions").path

  static var sessions: [String] { SessionScript.sessions(in: folder).map(SessionScript.name) }

  @Test func thereAreSessionsToPlay() { #expect(Self.sessions.count >= 11) }

  @Test(arguments: sessions)
  func everyPauseShowsItsCaptionWholeAndItsPanel(_ name: String) throws {
    var v = Visualizer(state: try ScopeState())
    defer { v.shutDown() }
    let script = try SessionScript.load(Self.folder + "/" + name)
    #expect(v.present(Presentation(script: script)) == nil, "\(name) plays")
    var pause = 0
    while true {
      pause += 1
      // Long work the pause started (a sample, long steps), the training a `train N` began and
      // the backward animation end before the audience looks.
      let deadline = Date().addingTimeInterval(300)
      while v.work != nil || v.presentation?.waiting == true || v.isAnimating,
        Date() < deadline
      {
        if v.tick(seconds: 0.05) == false { usleep(2000) }
      }
      #expect(v.presentation?.waiting != true, "\(name) pause \(pause): waited five minutes")
      #expect(v.message?.hasPrefix("error") != true, "\(name) pause \(pause): \(v.message ?? "")")
      for (w, h) in [(120, 40), (80, 24)] {
        let frame = ScopeFrame(v.state, presentation: v.progress, width: w, height: h)
        let rows = ScopeScreen.render(frame, theme: Theme()).text.split(
          separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        let at = "\(name) pause \(pause) at \(w)×\(h)"
        if let said = v.narration {
          let text = CaptionValues.expand(said, v.state, spectrum: frame.spectrum)
          let inner = frame.captionRect.inset(1)
          let shown = rows[inner.y..<inner.maxY].map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
          }.joined(separator: " ")
          let words = text.split(separator: " ").joined(separator: " ")
          #expect(shown.split(separator: " ").joined(separator: " ") == words, "\(at): \(shown)")
        }
        let layout = try #require(frame.layout, "\(at): laid out")
        #expect(layout.panels[v.focus] != nil, "\(at): the \(v.focus) panel is on screen")
        if v.focus == .heatmap, v.view.heatmapUnit > 0 {
          let k = v.view.heatmapUnit / v.config.hiddenSize
          let label = HeatmapSections.names(v.config)[k]
          let r = try #require(layout.panels[.heatmap])
          #expect(rows[r.y].contains(label), "\(at): the heatmap shows \(label): \(rows[r.y])")
        }
      }
      guard v.presentation?.finished == false else { break }
      _ = v.handle(.char(" "))
    }
    #expect(pause == script.lines.filter { $0.text == "pause" }.count + 1)
  }
}
