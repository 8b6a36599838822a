import Foundation
import Testing

@testable import RNNCore

/// The gate types describe PyTorch's row order, and the cells' tapes follow them.
struct GateLayoutTests {
  @Test func blocksTileTheStackedRowsInPyTorchOrder() {
    let H = 3
    #expect(LSTMGate.allCases.map(\.name) == ["i", "f", "g", "o"])
    #expect(GRUGate.allCases.map(\.name) == ["r", "z", "n"])
    #expect(LSTMGate.allCases.flatMap { Array($0.rows(hidden: H)) } == Array(0..<(4 * H)))
    #expect(GRUGate.allCases.flatMap { Array($0.rows(hidden: H)) } == Array(0..<(3 * H)))
    #expect(CellKind.lstm.gateNames == ["i", "f", "g", "o"])
    #expect(CellKind.gru.gateNames == ["r", "z", "n"])
    #expect(CellKind.rnn.gateNames == ["h"])
    for cell in CellKind.allCases {
      #expect(cell.gateCount == cell.gateNames.count)
      let rows = (0..<cell.gateCount).flatMap { Array(cell.blockRows($0, hidden: H)) }
      #expect(rows == Array(0..<(cell.gateCount * H)))
    }
    #expect(CellKind.lstm.candidateBlock == LSTMGate.g.index)
    #expect(CellKind.gru.candidateBlock == GRUGate.n.index)
    #expect(CellKind.rnn.candidateBlock == 0)
    #expect(CellKind.rnn.candidateRows(hidden: H) == 0..<H)
    #expect(CellKind.lstm.candidateRows(hidden: H) == LSTMGate.g.rows(hidden: H))
    #expect(CellKind.gru.candidateRows(hidden: H) == GRUGate.n.rows(hidden: H))
  }

  @Test func aStepsGatesAreWhereTheTypesSay() {
    let lstm = Model(
      config: ModelConfig(cell: .lstm, inputSize: 2, hiddenSize: 3, outputSize: 2), seed: 4)
    var pass = ForwardPass(model: lstm)
    let s = pass.step(.vector([0.5, -1])).layers[0]
    // σ gates lie in (0, 1); tanh(g) and c follow c_t = σ(f) c_{t−1} + σ(i) tanh(g), c_0 = 0
    for g in [LSTMGate.i, .f, .o] { #expect(s.gate(g).allSatisfy { $0 > 0 && $0 < 1 }) }
    let i = Array(s.gate(LSTMGate.i))
    let g = Array(s.gate(LSTMGate.g))
    let o = Array(s.gate(LSTMGate.o))
    for j in 0..<3 {
      #expect(abs(s.cell[j] - i[j] * g[j]) < 1e-12)
      #expect(abs(s.hidden[j] - o[j] * tanh(s.cell[j])) < 1e-12)
    }

    let gru = Model(
      config: ModelConfig(cell: .gru, inputSize: 2, hiddenSize: 3, outputSize: 2), seed: 4)
    var gpass = ForwardPass(model: gru)
    let t = gpass.step(.vector([0.5, -1])).layers[0]
    // h_t = (1 − z) n + z h_{t−1}, h_0 = 0
    let z = Array(t.gate(GRUGate.z))
    let n = Array(t.gate(GRUGate.n))
    for j in 0..<3 { #expect(abs(t.hidden[j] - (1 - z[j]) * n[j]) < 1e-12) }
  }

  @Test func theCandidateBlockIsTheCandidatesRows() {
    let c = ModelConfig(cell: .gru, inputSize: 2, hiddenSize: 3, outputSize: 2)
    let w = Model(config: c, seed: 9).parameters.layers[0].weightHH
    let block = Spectral.candidateBlock(w, cell: .gru, hidden: 3)
    #expect(block == Spectral.block(w, gate: GRUGate.n, hidden: 3))
    for (r, row) in GRUGate.n.rows(hidden: 3).enumerated() {
      for col in 0..<3 { #expect(block[r, col] == w[row, col]) }
    }
  }
}
