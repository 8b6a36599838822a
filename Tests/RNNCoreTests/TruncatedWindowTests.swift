import Testing

@testable import RNNCore

/// Truncated BPTT's windows, and the last loss carried back only through the window that holds it.
struct TruncatedWindowTests {
  @Test func theWindowsAreTheChunksAndTheirReach() {
    let w = BPTTMode.truncated(k1: 5, k2: 15).windows(steps: 40)
    #expect(w.count == 8)
    #expect(w[0] == BPTTMode.Window(losses: 0...4, steps: 0...4))
    #expect(w[2] == BPTTMode.Window(losses: 10...14, steps: 0...14))
    #expect(w[7] == BPTTMode.Window(losses: 35...39, steps: 25...39))
    #expect(BPTTMode.full.windows(steps: 3) == [BPTTMode.Window(losses: 0...2, steps: 0...2)])
  }

  @Test(arguments: [CellKind.rnn, .lstm])
  func theLastLossStopsAtItsWindowsEdge(cell: CellKind) throws {
    let pass = StepJacobianTests.pass(cell, .tanh)
    let full = backpropagate(pass)
    let cut = backpropagate(pass, mode: .truncated(k1: 3, k2: 4))
    let w = try #require(cut.lastLossWindow)
    #expect(w.steps == 4...7 && cut.lastLossStep == 7)
    for t in 0..<8 {
      let h = cut.lastLossHiddenGradNorms[0][t]
      if t < 4 {
        #expect(h == 0, "t=\(t) before the window")
        if cell == .lstm { #expect(cut.lastLossCellGradNorms![0][t] == 0) }
      } else {
        // Inside the window the sweep is full BPTT's, step for step.
        #expect(h > 0 && h == full.lastLossHiddenGradNorms[0][t], "t=\(t)")
        if cell == .lstm {
          #expect(cut.lastLossCellGradNorms![0][t] == full.lastLossCellGradNorms![0][t])
        }
      }
    }
    #expect(full.lastLossHiddenGradNorms[0][0] > 0, "full BPTT reaches step 1")
  }
}
