import RNNCore

/// The gates the screen shows, and in which order: the engine's `LSTMGate` and `GRUGate` say where
/// each block sits in a layer's stacked rows (W_hh, a step's `gates` and `preActivation`).
enum ScopeGates {
  /// One gate the screen shows: its label, its name and its rows.
  struct Gate: Sendable {
    private enum Block: Sendable {
      case lstm(LSTMGate)
      case gru(GRUGate)
    }

    private let block: Block
    var label: String {
      switch block {
      case .lstm(let g): return g.name
      case .gru(let g): return g.name
      }
    }
    var name: String {
      switch block {
      case .lstm(let g): return g.title
      case .gru(let g): return g.title
      }
    }

    init(_ g: LSTMGate) { block = .lstm(g) }
    init(_ g: GRUGate) { block = .gru(g) }

    /// The gate's rows among a layer's stacked blocks of `hidden` rows each.
    func rows(hidden: Int) -> Range<Int> {
      switch block {
      case .lstm(let g): return g.rows(hidden: hidden)
      case .gru(let g): return g.rows(hidden: hidden)
      }
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
}
