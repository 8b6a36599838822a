/// What one layer computed at one timestep, kept on the tape for BPTT and for the views.
public struct LayerStep: Sendable, Equatable {
  public let input: LayerInput
  /// h_{t−1} and, for LSTM, c_{t−1}.
  public let hPrev: [Double]
  public let cPrev: [Double]
  /// RNN: a_t (H). LSTM: the four gate pre-activations i, f, g, o (4H). GRU: r, z pre-activations
  /// and n's argument W_in x + b_in + r ⊙ (W_hn h + b_hn) (3H).
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
