/// The optimizers of torch.optim with their default hyper-parameters.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
  case sgd, adagrad, rmsprop, adam
}
