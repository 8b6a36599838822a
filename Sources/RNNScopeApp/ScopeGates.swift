import RNNCore

/// Where the screen finds each gate in a layer's stacked blocks (the rows of W_hh, a step's
/// `gates` and `preActivation`): the engine stacks LSTM i, f, g, o and GRU r, z, n. The one place
/// the screen knows that order.
enum ScopeGates {
  /// One gate the screen shows: its label, its name and its block.
  struct Gate: Sendable {
    let label: String
    let name: String
    let block: Int
  }

  /// The gates shown, in the order the heatmap and the readout show them.
  static func shown(_ cell: CellKind) -> [Gate] {
    switch cell {
    case .lstm:
      return [
        Gate(label: "f", name: "forget gate f", block: 1),
        Gate(label: "i", name: "input gate i", block: 0),
        Gate(label: "o", name: "output gate o", block: 3),
      ]
    case .gru:
      return [
        Gate(label: "z", name: "update gate z", block: 1),
        Gate(label: "r", name: "reset gate r", block: 0),
      ]
    case .rnn: return []
    }
  }

  /// The candidate block (LSTM g, GRU n), whose W_hh block and pre-activations the screen shows; a
  /// vanilla RNN has only block 0.
  static func candidate(_ cell: CellKind) -> Int { cell == .rnn ? 0 : 2 }

  /// The rows of `block` among blocks of `hidden` rows each.
  static func rows(_ block: Int, hidden: Int) -> Range<Int> {
    (block * hidden)..<((block + 1) * hidden)
  }
}
