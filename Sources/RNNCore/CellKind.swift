/// The recurrent cell: PyTorch's nn.RNN, nn.LSTM or nn.GRU.
public enum CellKind: String, CaseIterable, Sendable, Codable {
  case rnn, lstm, gru

  /// Gate blocks stacked in weight_ih / weight_hh: 1 (RNN), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n).
  public var gateCount: Int {
    switch self {
    case .rnn: return 1
    case .lstm: return LSTMGate.allCases.count
    case .gru: return GRUGate.allCases.count
    }
  }

  /// The gate blocks' names in PyTorch order (`LSTMGate`, `GRUGate`; the RNN's one block is "h").
  public var gateNames: [String] {
    switch self {
    case .rnn: return ["h"]
    case .lstm: return LSTMGate.allCases.map(\.name)
    case .gru: return GRUGate.allCases.map(\.name)
    }
  }

  /// The block whose activation is tanh and whose W_hh block carries the recurrence's own
  /// dynamics: the RNN's one block, the LSTM's candidate g, the GRU's candidate n.
  public var candidateBlock: Int {
    switch self {
    case .rnn: return 0
    case .lstm: return LSTMGate.g.index
    case .gru: return GRUGate.n.index
    }
  }

  /// The candidate block's rows (`candidateBlock`): for the RNN every row, for the LSTM g's, for
  /// the GRU n's; a step's pre-activations there are what the derivative plot marks.
  public func candidateRows(hidden H: Int) -> Range<Int> { blockRows(candidateBlock, hidden: H) }

  /// Block `k`'s rows in a stacked weight or bias of hidden size H: [k·H, (k + 1)·H).
  public func blockRows(_ k: Int, hidden H: Int) -> Range<Int> {
    precondition(k >= 0 && k < gateCount, "block \(k) of a cell with \(gateCount)")
    return (k * H)..<((k + 1) * H)
  }
}
