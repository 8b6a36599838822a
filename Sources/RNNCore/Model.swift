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
}
