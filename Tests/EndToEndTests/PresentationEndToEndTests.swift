import Foundation
import Testing

/// The real binary under tmux: PageUp goes back to the previous pause and shows its screen again;
/// an extra Space at the end of a session leaves the model as it was.
@Suite(.serialized) struct PresentationEndToEndTests {
  @Test func previousPauseRestoresTheScreenAndTheEndIsInert() throws {
    let dir = NSTemporaryDirectory() + "rnnscope-present-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/lesson.rnns"
    try """
    task echo length=10 delay=2
    model hidden=4
    say The first pause.
    pause
    step 3
    say The second pause.
    pause
    say The end.
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let t = try TmuxSession(width: 120, height: 40, arguments: ["tui", file])
    try t.waitFor("The first pause.")
    try t.send("Space")
    try t.waitFor("The second pause.")
    let second = try t.waitFor("step 3/10")
    try t.send("PageUp")
    try t.waitFor("The first pause.")
    try t.waitFor("step 0/10")
    try t.send("PageDown")
    try t.waitFor("The second pause.")
    let again = try t.waitFor("step 3/10")
    // The same screen but for the status line (it says what the last key did).
    #expect(again.split(separator: "\n").dropLast() == second.split(separator: "\n").dropLast())
    try t.send("Space")
    try t.waitFor("The end.")
    try t.send("Space")
    try t.waitFor("the session is over")
    #expect(try t.screen().contains("step 3/10"), "the extra Space stepped nothing")
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }
}
