/// What a recurrent layer reads at one timestep: a token as a one-hot vector (layer 0 without an
/// embedding) or a dense vector.
public enum LayerInput: Sendable, Equatable {
  case oneHot(Int)
  case dense([Double])

  /// W x  (for a one-hot x, the column of W)
  @inline(__always) func applied(to w: Matrix) -> [Double] {
    switch self {
    case .oneHot(let k): return w.column(k)
    case .dense(let x): return w.times(x)
    }
  }

  /// dW += d xᵀ
  @inline(__always) func accumulate(_ d: [Double], into w: inout Matrix) {
    switch self {
    case .oneHot(let k): for r in d.indices { w[r, k] += d[r] }
    case .dense(let x): w.addOuter(d, x)
    }
  }
}

/// What one layer computed at one timestep, kept on the tape for BPTT and for the views.
public struct LayerStep: Sendable, Equatable {
  public let input: LayerInput
  /// h_{t−1} and, for LSTM, c_{t−1}.
  public let hPrev: [Double]
  public let cPrev: [Double]
  /// RNN: a_t (H). LSTM: the four gate pre-activations i, f, g, o (4H). GRU: r, z pre-activations and
  /// n's argument W_in x + b_in + r ⊙ (W_hn h + b_hn) (3H).
  public let preActivation: [Double]
  /// LSTM: σ(i), σ(f), tanh(g), σ(o) (4H). GRU: r, z, n (3H). RNN: empty.
  public let gates: [Double]
  /// GRU: W_hn h_{t−1} + b_hn (H). Otherwise empty.
  public let hiddenPart: [Double]
  /// h_t and, for LSTM, c_t.
  public let hidden: [Double]
  public let cell: [Double]

  /// An LSTM step's σ(i), σ(f), tanh(g) or σ(o): H values of `gates`.
  public func gate(_ g: LSTMGate) -> ArraySlice<Double> { gates[g.rows(hidden: hidden.count)] }

  /// A GRU step's r, z or n: H values of `gates`.
  public func gate(_ g: GRUGate) -> ArraySlice<Double> { gates[g.rows(hidden: hidden.count)] }
}

/// Gradients a layer's backward step returns.
struct LayerBackward {
  var dInput: [Double]?  // ∂/∂x_t (when asked for)
  var dhPrev: [Double]  // ∂/∂h_{t−1} through this step
  var dcPrev: [Double]  // ∂/∂c_{t−1} (LSTM), else empty
  var dIH: [Double]  // ∂/∂(W_ih x + b_ih): the input side's pre-activation gradient
  // ∂/∂(W_hh h + b_hh): the hidden side's (equal to dIH except in the GRU's n gate)
  var dHH: [Double]
}
