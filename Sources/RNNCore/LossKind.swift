import Foundation

/// The loss summed over the steps that have a target.
public enum LossKind: String, Sendable, Codable, CaseIterable {
  case crossEntropy = "cross_entropy"
  case mse

  /// cross-entropy: L = −log softmax(o)_y;  mse: L = ½‖o − y‖²
  public func loss(outputs o: [Double], target: Target) -> Double {
    switch (self, target) {
    case (.crossEntropy, .index(let y)): return SoftmaxCrossEntropy.loss(logits: o, target: y)
    case (.mse, .vector(let y)):
      var s = 0.0
      for i in o.indices {
        let d = o[i] - y[i]
        s += d * d
      }
      return s / 2
    default: preconditionFailure("target \(target) does not fit the \(rawValue) loss")
    }
  }

  /// cross-entropy: ∂L/∂o = softmax(o) − onehot(y);  mse: ∂L/∂o = o − y
  public func gradient(outputs o: [Double], probabilities p: [Double], target: Target) -> [Double] {
    switch (self, target) {
    case (.crossEntropy, .index(let y)):
      return SoftmaxCrossEntropy.gradient(probabilities: p, target: y)
    case (.mse, .vector(let y)): return zip(o, y).map { $0 - $1 }
    default: preconditionFailure("target \(target) does not fit the \(rawValue) loss")
    }
  }
}
