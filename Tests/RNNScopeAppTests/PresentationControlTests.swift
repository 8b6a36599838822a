import Foundation
import RNNViews
import Testing

@testable import RNNCore
@testable import RNNScopeApp

/// A presentation can go back a pause (its screen as it was), restart, go to pause N and be left
/// for free play; its end is inert; exploring never loses the way on.
struct PresentationControlTests {
  static let script = """
    task echo length=10 delay=2
    model hidden=4
    say first
    pause
    step 3
    say second
    pause
    step 2
    say third
    pause
    say the end
    """

  static func playing() throws -> Visualizer {
    var v = Visualizer(state: try ScopeState())
    let p = Presentation(script: SessionScript(file: "lesson.rnns", text: script))
    #expect(v.present(p) == nil)
    #expect(v.narration == "first" && v.stepsTaken == 0)
    return v
  }

  @Test func pageUpGoesBackToThePreviousPauseAsItWas() throws {
    var v = try Self.playing()
    _ = v.handle(.char(" "))
    _ = v.handle(.pageDown)
    #expect(v.narration == "third" && v.stepsTaken == 5)
    let third = ScopeScreen.render(v.state, width: 120, height: 40, theme: Theme()).text
    _ = v.handle(.pageUp)
    #expect(v.narration == "second" && v.stepsTaken == 3)
    _ = v.handle(.pageUp)
    #expect(v.narration == "first" && v.stepsTaken == 0)
    _ = v.handle(.pageUp)
    #expect(v.narration == "first" && v.stepsTaken == 0, "before the first pause: its start")
    _ = v.handle(.char(" "))
    _ = v.handle(.char(" "))
    let again = ScopeScreen.render(v.state, width: 120, height: 40, theme: Theme()).text
    #expect(again == third, "the same screen, reached again")
  }

  @Test func theEndIsInert() throws {
    var v = try Self.playing()
    for _ in 0..<3 { _ = v.handle(.char(" ")) }
    #expect(v.narration == "the end" && v.presentation?.finished == true)
    let model = v.model
    _ = v.handle(.char(" "))
    _ = v.handle(.pageDown)
    #expect(v.stepsTaken == 5 && v.model == model, "Space at the end steps nothing")
    #expect(v.message?.contains("the session is over") == true)
  }

  @Test func goingOnAfterExploringStartsFromThePausesScreen() throws {
    var v = try Self.playing()
    _ = v.handle(.char(" "))
    _ = v.handle(.backspace)
    _ = v.handle(.backspace)
    _ = v.handle(.left)
    #expect(v.stepsTaken == 1, "explored: two steps undone")
    _ = v.handle(.char(" "))
    #expect(v.stepsTaken == 5 && v.narration == "third", "restored to 3 steps, then 2 more")
  }

  /// Changing the model at a pause keeps the pause's caption with its numbers as they were, under
  /// a note in the accent colour, the caption dimmed; going on (or back) drops the note.
  @Test func aChangedScreenKeepsThePausesCaptionUnderANote() throws {
    var v = Visualizer(state: try ScopeState())
    let text = """
      task echo length=10 delay=2
      step 3
      say Untrained, at step {step}.
      pause
      say next
      """
    #expect(v.present(Presentation(script: SessionScript(file: "s.rnns", text: text))) == nil)
    func screen() -> CellGrid {
      ScopeScreen.render(v.state, presentation: v.progress, width: 120, height: 40, theme: Theme())
    }
    func row(_ g: CellGrid, _ needle: String) -> Int? {
      (0..<g.height).first { g.rowText($0).contains(needle) }
    }
    var g = screen()
    #expect(row(g, "Untrained, at step 3.") != nil && row(g, "Changed since") == nil)
    _ = v.handle(.backspace)
    #expect(v.stepsTaken == 2)
    g = screen()
    let note = try #require(row(g, "Changed since this pause"), "the note is shown")
    let caption = try #require(row(g, "Untrained, at step 3."), "the pause's numbers, not 2")
    #expect(caption == note + 1, "the note above the caption")
    let x = g.rowText(note).distance(
      from: g.rowText(note).startIndex, to: g.rowText(note).range(of: "Changed")!.lowerBound)
    #expect(g[x, note].fg == Theme().accent)
    #expect(g[x, caption].fg == Theme().dim)
    _ = v.handle(.backspace)
    #expect(row(screen(), "Untrained, at step 3.") != nil, "still the pause's numbers")
    _ = v.handle(.pageUp)
    g = screen()
    #expect(v.stepsTaken == 3 && row(g, "Changed since") == nil, "back: the pause as it was")
    #expect(row(g, "Untrained, at step 3.") != nil)
    _ = v.handle(.backspace)
    _ = v.handle(.char(" "))
    g = screen()
    #expect(v.narration == "next" && row(g, "Changed since") == nil, "on: a new caption, no note")
    #expect(v.presentation?.finished == true)
    _ = v.handle(.backspace)
    g = screen()
    #expect(row(g, "Changed since the end") != nil, "at the end: Space goes nowhere")
    #expect(row(g, "Space restores") == nil)
  }

  @Test func restartGoToAndFreePlay() throws {
    var v = try Self.playing()
    for c in ":present 3" { _ = v.handle(.char(c)) }
    _ = v.handle(.enter)
    #expect(v.narration == "third" && v.stepsTaken == 5 && !v.commandLine.isOpen)
    #expect(v.commandLine.history.last == "present 3")
    _ = v.handle(.char("R"))
    #expect(v.narration == "first" && v.stepsTaken == 0)
    _ = v.apply(.goToPause(2))
    #expect(v.narration == "second" && v.stepsTaken == 3)
    _ = v.handle(.char("F"))
    #expect(v.presentation == nil && v.narration == nil)
    _ = v.handle(.char(" "))
    #expect(v.stepsTaken == 4, "free play: Space steps the model")
  }

  @Test func headlessThereIsNoPresentationToMove() throws {
    var s = try ScopeState()
    let r = CommandLanguage.execute("present next", on: &s, context: CommandContext(headless: true))
    #expect(r == .message("no presentation is playing (rnnscope tui FILE.rnns plays one)"))
  }

  @Test func severalSaysBeforeAPauseMakeOneCaption() throws {
    var v = Visualizer(state: try ScopeState())
    let text = "say One.\nsay Two.\npause\nsay Three.\npause"
    #expect(v.present(Presentation(script: SessionScript(file: "s.rnns", text: text))) == nil)
    #expect(v.narration == "One. Two.")
    _ = v.handle(.char(" "))
    #expect(v.narration == "Three.", "a new pause, a new caption")
  }
}
