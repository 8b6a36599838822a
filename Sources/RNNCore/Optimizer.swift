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
  private var roots: [Double] = []  // √ of the state, one tensor at a time (scratch)

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
  /// `flat` order):
  /// - SGD: buf = μ·buf + g (buf = g on the first step);  θ −= lr·buf  (θ −= lr·g when μ = 0)
  /// - Adagrad: Σ += g²;  θ −= lr·g / (√Σ + ε)
  /// - RMSprop: v = α·v + (1 − α)·g²;  θ −= lr·g / (√v + ε)
  /// - Adam: m = β₁m + (1 − β₁)g;  v = β₂v + (1 − β₂)g²;
  ///   θ −= (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)
  public mutating func step(_ params: inout ModelParameters, _ grads: ModelParameters) {
    let count = params.count
    if state1.count != count { state1 = [Double](repeating: 0, count: count) }
    if kind == .adam && state2.count != count { state2 = [Double](repeating: 0, count: count) }
    stepCount += 1
    let lr = learningRate
    let first = stepCount == 1
    let mu = momentum
    let eps = self.eps
    let alpha = self.alpha
    let b1 = beta1
    let b2 = beta2
    let bc1 = 1 - pow(beta1, Double(stepCount))
    let bc2 = 1 - pow(beta2, Double(stepCount))
    let stepSize = lr / bc1
    let rootBC2 = bc2.squareRoot()
    let kind = self.kind
    if roots.count < count { roots = [Double](repeating: 0, count: count) }
    roots.withUnsafeMutableBufferPointer { rootBuffer in
      let root = rootBuffer.baseAddress!
      state1.withUnsafeMutableBufferPointer { s1 in
        state2.withUnsafeMutableBufferPointer { s2 in
          params.withTensors(grads) { p, g, offset in
            p.withUnsafeMutableBufferPointer { p in
              g.withUnsafeBufferPointer { g in
                let n = p.count
                let pp = p.baseAddress!
                let gp = g.baseAddress!
                let m1 = s1.baseAddress! + offset
                let m2 = kind == .adam ? s2.baseAddress! + offset : m1
                // Eight values at a time (SIMD), the tail one by one; the same operations in the
                // same order as the scalar formula, so the numbers are identical.
                switch kind {
                case .sgd:
                  // buf = μ·buf + g (buf = g on the first step);  θ −= lr·buf   (plain θ −= lr·g when μ = 0)
                  if mu == 0 {
                    simdLoop(n) { (i: Int, _: SIMD8<Double>.Type) in
                      store(load(pp, i) - lr * load(gp, i), pp, i)
                    } scalar: { i in
                      pp[i] -= lr * gp[i]
                    }
                  } else if first {
                    simdLoop(n) { (i: Int, _: SIMD8<Double>.Type) in
                      let b = load(gp, i)
                      store(b, m1, i)
                      store(load(pp, i) - lr * b, pp, i)
                    } scalar: { i in
                      m1[i] = gp[i]
                      pp[i] -= lr * m1[i]
                    }
                  } else {
                    simdLoop(n) { (i: Int, _: SIMD8<Double>.Type) in
                      let b = mu * load(m1, i) + load(gp, i)
                      store(b, m1, i)
                      store(load(pp, i) - lr * b, pp, i)
                    } scalar: { i in
                      m1[i] = mu * m1[i] + gp[i]
                      pp[i] -= lr * m1[i]
                    }
                  }
                case .adagrad:
                  // Σ += g²;  θ −= lr·g / (√Σ + ε)
                  simdLoop(n) { (i: Int, _: SIMD8<Double>.Type) in
                    let gv = load(gp, i)
                    store(load(m1, i) + gv * gv, m1, i)
                  } scalar: { i in
                    m1[i] += gp[i] * gp[i]
                  }
                  rs_vsqrt(n, m1, root)
                  simdLoop(n) { (i: Int, _: SIMD8<Double>.Type) in
                    store(load(pp, i) - lr * load(gp, i) / (load(root, i) + eps), pp, i)
                  } scalar: { i in
                    pp[i] -= lr * gp[i] / (root[i] + eps)
                  }
                case .rmsprop:
                  // v = α·v + (1 − α)·g²;  θ −= lr·g / (√v + ε)
                  simdLoop(n) { (i: Int, _: SIMD8<Double>.Type) in
                    let gv = load(gp, i)
                    store(alpha * load(m1, i) + (1 - alpha) * gv * gv, m1, i)
                  } scalar: { i in
                    m1[i] = alpha * m1[i] + (1 - alpha) * gp[i] * gp[i]
                  }
                  rs_vsqrt(n, m1, root)
                  simdLoop(n) { (i: Int, _: SIMD8<Double>.Type) in
                    store(load(pp, i) - lr * load(gp, i) / (load(root, i) + eps), pp, i)
                  } scalar: { i in
                    pp[i] -= lr * gp[i] / (root[i] + eps)
                  }
                case .adam:
                  // m = β₁m + (1 − β₁)g;  v = β₂v + (1 − β₂)g²;  θ −= (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)
                  simdLoop(n) { (i: Int, _: SIMD8<Double>.Type) in
                    let gv = load(gp, i)
                    store(b1 * load(m1, i) + (1 - b1) * gv, m1, i)
                    store(b2 * load(m2, i) + (1 - b2) * gv * gv, m2, i)
                  } scalar: { i in
                    m1[i] = b1 * m1[i] + (1 - b1) * gp[i]
                    m2[i] = b2 * m2[i] + (1 - b2) * gp[i] * gp[i]
                  }
                  rs_vsqrt(n, m2, root)
                  simdLoop(n) { (i: Int, _: SIMD8<Double>.Type) in
                    store(
                      load(pp, i) - stepSize * load(m1, i) / (load(root, i) / rootBC2 + eps), pp, i)
                  } scalar: { i in
                    pp[i] -= stepSize * m1[i] / (root[i] / rootBC2 + eps)
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

// The loop over 0..<n in steps of eight (`vector` at i, i+8, …), then the tail one at a time.
@inline(__always) private func simdLoop(
  _ n: Int, _ vector: (Int, SIMD8<Double>.Type) -> Void, scalar: (Int) -> Void
) {
  var i = 0
  while i + 8 <= n {
    vector(i, SIMD8<Double>.self)
    i += 8
  }
  while i < n {
    scalar(i)
    i += 1
  }
}

@inline(__always) private func load(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD8<Double> {
  UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Double>.self)
}

@inline(__always) private func load(_ p: UnsafeMutablePointer<Double>, _ i: Int) -> SIMD8<Double> {
  UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Double>.self)
}

@inline(__always) private func store(
  _ v: SIMD8<Double>, _ p: UnsafeMutablePointer<Double>, _ i: Int
) {
  UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD8<Double>.self)
}
