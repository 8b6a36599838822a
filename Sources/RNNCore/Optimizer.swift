import Foundation

/// The optimizers of torch.optim with their default hyper-parameters.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    case sgd, adagrad, rmsprop, adam
}

/// A stateful optimizer over a model's parameters, with PyTorch's update rules.
public struct Optimizer: Sendable {
    public let kind: OptimizerKind
    public var learningRate: Double
    public var momentum: Double          // SGD
    public var alpha = 0.99              // RMSprop smoothing
    public var beta1 = 0.9, beta2 = 0.999
    public var eps: Double
    public private(set) var stepCount = 0
    private var state1: [Double] = []    // momentum buffer / Σg² / running g² / Adam m
    private var state2: [Double] = []    // Adam v

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

    /// One update of `params` from `grads`, tensor by tensor in place (the state arrays are in `flat` order).
    public mutating func step(_ params: inout ModelParameters, _ grads: ModelParameters) {
        let count = params.count
        if state1.count != count { state1 = [Double](repeating: 0, count: count) }
        if kind == .adam && state2.count != count { state2 = [Double](repeating: 0, count: count) }
        stepCount += 1
        let lr = learningRate, first = stepCount == 1, mu = momentum, eps = self.eps, alpha = self.alpha
        let b1 = beta1, b2 = beta2
        let bc1 = 1 - pow(beta1, Double(stepCount)), bc2 = 1 - pow(beta2, Double(stepCount))
        let stepSize = lr / bc1, rootBC2 = bc2.squareRoot()
        let kind = self.kind
        state1.withUnsafeMutableBufferPointer { s1 in
            state2.withUnsafeMutableBufferPointer { s2 in
                params.withTensors(grads) { p, g, offset in
                    p.withUnsafeMutableBufferPointer { p in
                        g.withUnsafeBufferPointer { g in
                            switch kind {
                            case .sgd:
                                // buf = μ·buf + g (buf = g on the first step);  θ −= lr·buf   (plain θ −= lr·g when μ = 0)
                                for i in 0..<p.count {
                                    if mu != 0 {
                                        s1[offset + i] = first ? g[i] : mu * s1[offset + i] + g[i]
                                        p[i] -= lr * s1[offset + i]
                                    } else {
                                        p[i] -= lr * g[i]
                                    }
                                }
                            case .adagrad:
                                // Σ += g²;  θ −= lr·g / (√Σ + ε)
                                for i in 0..<p.count {
                                    s1[offset + i] += g[i] * g[i]
                                    p[i] -= lr * g[i] / (s1[offset + i].squareRoot() + eps)
                                }
                            case .rmsprop:
                                // v = α·v + (1 − α)·g²;  θ −= lr·g / (√v + ε)
                                for i in 0..<p.count {
                                    s1[offset + i] = alpha * s1[offset + i] + (1 - alpha) * g[i] * g[i]
                                    p[i] -= lr * g[i] / (s1[offset + i].squareRoot() + eps)
                                }
                            case .adam:
                                // m = β₁m + (1 − β₁)g;  v = β₂v + (1 − β₂)g²;  θ −= (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)
                                for i in 0..<p.count {
                                    s1[offset + i] = b1 * s1[offset + i] + (1 - b1) * g[i]
                                    s2[offset + i] = b2 * s2[offset + i] + (1 - b2) * g[i] * g[i]
                                    p[i] -= stepSize * s1[offset + i] / (s2[offset + i].squareRoot() / rootBC2 + eps)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
