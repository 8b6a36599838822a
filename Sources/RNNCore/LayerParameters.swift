/// One recurrent layer's parameters, as PyTorch stores them (gate blocks stacked in PyTorch order).
public struct LayerParameters: Sendable, Equatable {
  public var weightIH: Matrix  // rnn.weight_ih_l{k}  (G·H × in)
  public var weightHH: Matrix  // rnn.weight_hh_l{k}  (G·H × H)
  public var biasIH: [Double]  // rnn.bias_ih_l{k}    (G·H)
  public var biasHH: [Double]  // rnn.bias_hh_l{k}    (G·H)

  public init(gateRows: Int, inputSize: Int, hiddenSize: Int) {
    weightIH = Matrix(rows: gateRows, cols: inputSize)
    weightHH = Matrix(rows: gateRows, cols: hiddenSize)
    biasIH = [Double](repeating: 0, count: gateRows)
    biasHH = [Double](repeating: 0, count: gateRows)
  }
}
