/// A model: its configuration and its parameters.
public struct Model: Sendable, Equatable {
  public var config: ModelConfig
  public var parameters: ModelParameters

  public init(config: ModelConfig, parameters: ModelParameters) {
    precondition(parameters.layers.count == config.numLayers)
    precondition(parameters.fcWeight.shape == [config.outputSize, config.hiddenSize])
    self.config = config
    self.parameters = parameters
  }

  /// A model initialised as PyTorch does by default, from `seed`.
  public init(config: ModelConfig, seed: UInt64) {
    self.init(config: config, parameters: .pytorchDefault(config, seed: seed))
  }

  /// One step of layer k from (h_{t−1}, c_{t−1}) reading x, by the model's cell (c_{t−1} is read
  /// by the LSTM alone).
  public func layerStep(
    _ k: Int, x: LayerInput, hPrev: [Double], cPrev: [Double]
  ) -> LayerStep {
    let p = parameters.layers[k]
    switch config.cell {
    case .rnn: return RNNCell.forward(p, config.activation, x: x, hPrev: hPrev)
    case .lstm: return LSTMCell.forward(p, x: x, hPrev: hPrev, cPrev: cPrev)
    case .gru: return GRUCell.forward(p, x: x, hPrev: hPrev)
    }
  }
}
