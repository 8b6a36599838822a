import CLapackShim
import Foundation

/// A stateful optimizer over a model's parameters, with PyTorch's update rules.
public struct Optimizer: Sendable {
  public let kind: OptimizerKind
  public var learningRate: Double
  public var momentum: Double  // SGD
  public var alpha = 0.99  // RMSprop smoothing
  public var beta1 = 0.9
  public var beta2 = 0.999
  public var eps: Double
  public private(set) var stepCount = 0
  private var state1: [Double] = []  // momentum buffer / Σg² / running g² / Adam m
  private var state2: [Double] = []  // Adam v

  public init(_ kind: OptimizerKind, learningRate: Double, momentum: Double = 0) {
    self.kind = kind
    self.learningRate = learningRate
    self.momentum = momentum
    eps = kind == .adagrad ? 1e-10 : 1e-8
  }

  /// The default learning rate of each optimizer in torch.optim (SGD has none; 0.1 here).
  public static func defaultLearningRate(_ k: OptimizerKind) -> Double {
    switch k {
    case .sgd: return 0.1
    case .adagrad: return 0.01
    case .rmsprop: return 0.01
    case .adam: return 0.001
    }
  }

  /// One update of `params` from `grads`, tensor by tensor in place (the state arrays are in
  /// `flat` order), through the C loops of parameter_update.c (the formulas as written, rounded
  /// one operation at a time, the same bits on every CPU):
  /// - SGD: buf = μ·buf + g (buf = g on the first step);  θ −= lr·buf  (θ −= lr·g when μ = 0)
  /// - Adagrad: Σ += g²;  θ −= lr·g / (√Σ + ε)
  /// - RMSprop: v = α·v + (1 − α)·g²;  θ −= lr·g / (√v + ε)
  /// - Adam: m = β₁m + (1 − β₁)g;  v = β₂v + (1 − β₂)g²;
  ///   θ −= (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)
  /// Returns how many of the new θ are not finite (0: every one is).
  @discardableResult
  public mutating func step(_ params: inout ModelParameters, _ grads: ModelParameters) -> Int {
    let count = params.count
    if state1.count != count { state1 = [Double](repeating: 0, count: count) }
    if kind == .adam && state2.count != count { state2 = [Double](repeating: 0, count: count) }
    stepCount += 1
    let lr = learningRate
    let first: Int32 = stepCount == 1 ? 1 : 0
    let mu = momentum
    let eps = self.eps
    let alpha = self.alpha
    let b1 = beta1
    let b2 = beta2
    let stepSize = lr / (1 - pow(beta1, Double(stepCount)))
    let rootBC2 = (1 - pow(beta2, Double(stepCount))).squareRoot()
    let kind = self.kind
    var bad = 0
    state1.withUnsafeMutableBufferPointer { s1 in
      state2.withUnsafeMutableBufferPointer { s2 in
        params.withTensors(grads) { p, g, offset in
          p.withUnsafeMutableBufferPointer { p in
            g.withUnsafeBufferPointer { g in
              let (n, pp, gp) = (p.count, p.baseAddress!, g.baseAddress!)
              let m1 = s1.baseAddress! + offset
              switch kind {
              case .sgd: bad += rs_sgd(n, pp, gp, m1, lr, mu, first)
              case .adagrad: bad += rs_adagrad(n, pp, gp, m1, lr, eps)
              case .rmsprop: bad += rs_rmsprop(n, pp, gp, m1, lr, alpha, eps)
              case .adam:
                bad += rs_adam(
                  n, pp, gp, m1, s2.baseAddress! + offset, b1, b2, stepSize, rootBC2, eps)
              }
            }
          }
        }
      }
    }
    return bad
  }
}
