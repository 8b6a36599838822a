import Foundation

/// The nonlinearity of a vanilla RNN cell.
public enum Activation: String, CaseIterable, Sendable, Codable {
  case tanh, sigmoid, relu

  /// φ(a)
  public func apply(_ a: Double) -> Double {
    switch self {
    case .tanh: return Foundation.tanh(a)
    case .sigmoid: return RNNCore.sigmoid(a)
    case .relu: return a > 0 ? a : 0
    }
  }

  /// φ'(a), written in terms of the output h = φ(a) where that is exact:
  /// tanh' = 1 − h², σ' = h(1 − h), relu' = [a > 0]
  public func derivative(preActivation a: Double, output h: Double) -> Double {
    switch self {
    case .tanh: return 1 - h * h
    case .sigmoid: return h * (1 - h)
    case .relu: return a > 0 ? 1 : 0
    }
  }

  /// φ'(a) from the pre-activation alone (for plots)
  public func derivative(_ a: Double) -> Double { derivative(preActivation: a, output: apply(a)) }

  /// The largest value of φ' (γ in Pascanu et al. 2013): 1 for tanh and relu, ¼ for sigmoid.
  public var derivativeBound: Double { self == .sigmoid ? 0.25 : 1 }
}

/// σ(a) = 1 / (1 + e^(−a)), evaluated without overflow for large |a|
@inline(__always) public func sigmoid(_ a: Double) -> Double {
  if a >= 0 { return 1 / (1 + exp(-a)) }
  let e = exp(a)
  return e / (1 + e)
}
