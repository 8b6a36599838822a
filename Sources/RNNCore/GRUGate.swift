/// The GRU's gate blocks in PyTorch's row order: weight_ih, weight_hh and both biases stack
/// [r; z; n], H rows each, and so do a `LayerStep`'s pre-activations and gates.
public enum GRUGate: Int, CaseIterable, Sendable, Codable {
  /// Reset gate: r scales W_hn h_{t−1} + b_hn inside the candidate.
  case r
  /// Update gate: z is the share of h_{t−1} kept.
  case z
  /// Candidate: n, the new value mixed in by 1 − z.
  case n

  /// The block's place in PyTorch's order, from 0.
  public var index: Int { rawValue }

  /// "r", "z", "n".
  public var name: String { String(describing: self) }

  /// "update gate z".
  public var title: String {
    switch self {
    case .r: return "reset gate r"
    case .z: return "update gate z"
    case .n: return "candidate n"
    }
  }

  /// The block's rows in a stacked weight or bias (or a step's gates) of hidden size H:
  /// [index·H, (index + 1)·H).
  public func rows(hidden H: Int) -> Range<Int> { (index * H)..<((index + 1) * H) }

  /// Where each block starts, for loops over a step's 3H values: (0, H, 2H).
  public static func offsets(hidden H: Int) -> (r: Int, z: Int, n: Int) {
    (r.index * H, z.index * H, n.index * H)
  }
}
