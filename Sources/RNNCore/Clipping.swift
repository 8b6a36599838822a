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

  /// clip_grad_value_: every entry clamped to [−v, v].
  public static func byValue(_ g: inout ModelParameters, limit v: Double) {
    // g = min(max(g, −v), v), eight at a time (SIMD: the same comparisons, so NaN passes through as
    // before)
    let lo = SIMD8<Double>(repeating: -v)
    let hi = SIMD8<Double>(repeating: v)
    g.withEachTensor { a in
      guard let p = a.baseAddress else { return }
      var i = 0
      while i + 8 <= a.count {
        let x = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Double>.self)
        let y = x.replacing(with: lo, where: x .< lo).replacing(with: hi, where: hi .< x)
        UnsafeMutableRawPointer(p + i).storeBytes(of: y, as: SIMD8<Double>.self)
        i += 8
      }
      while i < a.count {
        a[i] = min(max(a[i], -v), v)
        i += 1
      }
    }
  }
}
