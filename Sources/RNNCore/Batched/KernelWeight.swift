/// A weight matrix W (`count` × `width`, row-major) as the batched kernel's products take it: read
/// in place by BLAS, or packed once per batch for the engine's own GEMM (`PackedMatrix`,
/// `rs_gemm_packed`) — Wᵀ for X · Wᵀ, W for D · W — where those products run on one thread at
/// sizes for which BLAS's packing of W at every call does not pay.
struct KernelWeight {
  let w: Rows
  /// Wᵀ (width × count) packed, for C (+)= X · Wᵀ.
  let transposed: PackedMatrix?
  /// W (count × width) packed, for C = D · W.
  let plain: PackedMatrix?

  /// W, packed as Wᵀ and as W where asked, into buffers from `space` (given a count of values).
  init(
    _ w: Rows, packTransposed: Bool, pack: Bool,
    space: (Int) -> UnsafeMutablePointer<Double>
  ) {
    self.w = w
    transposed =
      packTransposed
      ? PackedMatrix(w, transposed: true, into: space(PackedMatrix.size(k: w.width, n: w.count)))
      : nil
    plain =
      pack
      ? PackedMatrix(w, transposed: false, into: space(PackedMatrix.size(k: w.count, n: w.width)))
      : nil
  }
}

extension MutableRows {
  /// C = bias + X · Wᵀ  (X: m × width, C = self: m × count, bias: count values in every row)
  func set(_ x: Rows, timesTransposed w: KernelWeight, plus bias: UnsafePointer<Double>) {
    if let p = w.transposed {
      set(x, times: p, plus: bias)
      return
    }
    for r in 0..<count { self[r].update(from: bias, count: width) }
    add(x, timesTransposed: w.w)
  }

  /// C += X · Wᵀ
  func add(_ x: Rows, timesTransposed w: KernelWeight) {
    if let p = w.transposed { add(x, times: p) } else { add(x, timesTransposed: w.w) }
  }

  /// C = X · Wᵀ
  func set(_ x: Rows, timesTransposed w: KernelWeight) {
    if let p = w.transposed { set(x, times: p) } else { set(x, timesTransposed: w.w) }
  }

  /// C = D · W  (D: m × count, C = self: m × width)
  func set(_ d: Rows, times w: KernelWeight) {
    if let p = w.plain { set(d, times: p) } else { set(d, times: w.w) }
  }
}
