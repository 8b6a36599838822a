/// The LSTM's gate blocks in PyTorch's row order: weight_ih, weight_hh and both biases stack
/// [i; f; g; o], H rows each, and so do a `LayerStep`'s pre-activations and gates.
public enum LSTMGate: Int, CaseIterable, Sendable, Codable {
  /// Input gate: σ(i) scales what is written to the cell.
  case i
  /// Forget gate: σ(f) scales what the cell keeps of c_{t−1}.
  case f
  /// Cell candidate: tanh(g), the value written.
  case g
  /// Output gate: σ(o) scales what h_t shows of tanh(c_t).
  case o

  /// The block's place in PyTorch's order, from 0.
  public var index: Int { rawValue }

  /// "i", "f", "g", "o".
  public var name: String { String(describing: self) }

  /// "forget gate f".
  public var title: String {
    switch self {
    case .i: return "input gate i"
    case .f: return "forget gate f"
    case .g: return "cell candidate g"
    case .o: return "output gate o"
    }
  }

  /// The block's rows in a stacked weight or bias (or a step's gates) of hidden size H:
  /// [index·H, (index + 1)·H).
  public func rows(hidden H: Int) -> Range<Int> { (index * H)..<((index + 1) * H) }

  /// Where each block starts, for loops over a step's 4H values: (0, H, 2H, 3H).
  public static func offsets(hidden H: Int) -> (i: Int, f: Int, g: Int, o: Int) {
    (i.index * H, f.index * H, g.index * H, o.index * H)
  }
}
