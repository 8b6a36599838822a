import RNNCore

/// The gates the screen shows, and in which order: the engine's `LSTMGate` and `GRUGate` say where
/// each block sits in a layer's stacked rows (W_hh, a step's `gates` and `preActivation`).
enum ScopeGates {
  /// One gate the screen shows: its label, its name and its block.
  struct Gate: Sendable {
    let label: String
    let name: String
    let block: Int

    init(_ g: LSTMGate) {
      label = g.name
      name = g.title
      block = g.index
    }

    init(_ g: GRUGate) {
      label = g.name
      name = g.title
      block = g.index
    }
  }

  /// The gates shown, in the order the heatmap and the readout show them: what is kept first.
  static func shown(_ cell: CellKind) -> [Gate] {
    switch cell {
    case .lstm: return [Gate(LSTMGate.f), Gate(LSTMGate.i), Gate(LSTMGate.o)]
    case .gru: return [Gate(GRUGate.z), Gate(GRUGate.r)]
    case .rnn: return []
    }
  }

  /// The candidate block (LSTM g, GRU n), whose W_hh block and pre-activations the screen shows; a
  /// vanilla RNN has only block 0.
  static func candidate(_ cell: CellKind) -> Int { cell.candidateBlock }

  /// The rows of `block` among blocks of `hidden` rows each.
  static func rows(_ block: Int, hidden: Int) -> Range<Int> {
    (block * hidden)..<((block + 1) * hidden)
  }
}
