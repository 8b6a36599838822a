import Foundation
import Testing

/// The split view in the real binary under tmux: opened from the command line, stepped and
/// backpropagated with one key each for both models, closed and opened again with |.
@Suite(.serialized)
struct SplitEndToEndTests {
  @Test func splitStepBackpropCloseAndReopen() throws {
    let t = try TmuxSession(
      width: 120, height: 40,
      arguments: ["tui", "--task", "echo", "--length", "30", "--delay", "3"])
    try t.waitFor("step 0/30")
    try t.send(":")
    try t.send("-l", "split activation=sigmoid")
    try t.send("Enter")
    try t.waitFor("split: tanh vs sigmoid")
    try t.send("e")
    try t.waitFor("step 30/30")
    try t.send("B")
    let screen = try t.waitFor("█ tanh 3.")
    #expect(screen.contains("█ tanh · hidden state h_t"))
    #expect(screen.contains("● sigmoid · hidden state h_t"))
    // One mark per step of sigmoid's profile, the heatmap's and the header's keys besides.
    #expect(screen.filter { $0 == "●" }.count >= 30 + 2)
    #expect(screen.contains("● sigmoid: L_t="), "the readout gives the second model's loss")
    try t.send("|")
    let single = try t.waitFor("split off")
    #expect(single.contains("vanilla RNN · tanh"))
    #expect(!single.contains("●"))
    try t.send("|")
    try t.waitFor("split: tanh vs sigmoid")
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }
}
