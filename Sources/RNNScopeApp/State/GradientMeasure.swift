/// Which gradient the gradient panel shows.
public enum GradientMeasure: String, CaseIterable, Sendable {
  /// ‖∂L_T/∂h_t‖: the last target step's loss alone.
  case last
  /// ‖∂L/∂h_t‖: the whole loss Σ L_t.
  case total
  /// ‖∂L/∂c_t‖: the LSTM's cell state, the whole loss.
  case cell
  /// ‖∂L_T/∂c_t‖: the LSTM's cell state, the last target step's loss alone.
  case lastCell = "lastcell"

  /// Whether it measures the LSTM's cell state (only an LSTM has one).
  public var isCellState: Bool { self == .cell || self == .lastCell }

  /// The order `g` goes through them: the hidden state's, then (LSTM) the cell state's.
  static func cycle(lstm: Bool) -> [GradientMeasure] {
    lstm ? [.last, .total, .lastCell, .cell] : [.last, .total]
  }

  public var title: String {
    switch self {
    case .last: return "‖∂L_T/∂h_t‖"
    case .total: return "‖∂L/∂h_t‖"
    case .cell: return "‖∂L/∂c_t‖"
    case .lastCell: return "‖∂L_T/∂c_t‖"
    }
  }

  public var explanation: String {
    switch self {
    case .last: return "the last loss alone"
    case .total: return "the whole loss"
    case .cell: return "LSTM cell state"
    case .lastCell: return "LSTM cell state, last loss"
    }
  }
}
