/// Which gradient the gradient panel shows.
public enum GradientMeasure: String, CaseIterable, Sendable {
  /// ‖∂L_T/∂h_t‖: the last target step's loss alone.
  case last
  /// ‖∂L/∂h_t‖: the whole loss Σ L_t.
  case total
  /// ‖∂L/∂c_t‖: the LSTM's cell state.
  case cell

  public var title: String {
    switch self {
    case .last: return "‖∂L_T/∂h_t‖"
    case .total: return "‖∂L/∂h_t‖"
    case .cell: return "‖∂L/∂c_t‖"
    }
  }

  public var explanation: String {
    switch self {
    case .last: return "the last loss alone"
    case .total: return "the whole loss"
    case .cell: return "LSTM cell state"
    }
  }
}
