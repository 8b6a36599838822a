import CLapackShim

/// Gradient clipping as PyTorch does it.
public enum Clipping {
  /// clip_grad_norm_: if ‖g‖ > τ, g ← g · τ / (‖g‖ + 1e-6). Returns the norm before clipping.
  @discardableResult
  public static func byNorm(_ g: inout ModelParameters, maxNorm: Double) -> Double {
    byNorm(&g, maxNorm: maxNorm, norm: g.globalNorm)
  }

  /// `byNorm(_:maxNorm:)` with ‖g‖ already known (`g.globalNorm`).
  @discardableResult
  public static func byNorm(_ g: inout ModelParameters, maxNorm: Double, norm: Double) -> Double {
    let coef = maxNorm / (norm + 1e-6)
    if coef < 1 { g.withEachTensor { if let x = $0.baseAddress { rs_scale($0.count, x, coef) } } }
    return norm
  }

  /// clip_grad_value_: every entry clamped to [−v, v] (`rs_clamp`: NaN passes through).
  public static func byValue(_ g: inout ModelParameters, limit v: Double) {
    g.withEachTensor { if let x = $0.baseAddress { rs_clamp($0.count, x, v) } }
  }
}
