import Foundation

/// The output head and its loss: o = W_fc h + b_fc, p = softmax(o), L = −log p_y.
public enum SoftmaxCrossEntropy {
  /// p_i = e^{o_i − max o} / Σ_j e^{o_j − max o}
  public static func softmax(_ o: [Double]) -> [Double] {
    guard let m = o.max() else { return [] }
    let e = o.map { exp($0 - m) }
    let s = e.reduce(0, +)
    return e.map { $0 / s }
  }

  /// L = logsumexp(o) − o_y
  public static func loss(logits o: [Double], target y: Int) -> Double {
    let m = o.max()!
    let lse = m + log(o.reduce(0) { $0 + exp($1 - m) })
    return lse - o[y]
  }

  /// ∂L/∂o = p − onehot(y)
  public static func gradient(probabilities p: [Double], target y: Int) -> [Double] {
    var d = p
    d[y] -= 1
    return d
  }
}
