/// A weight matrix W (`count` × `width`, row-major) as the batched kernel's products take it: read
/// in place by BLAS, or packed once per batch for the engine's own GEMM (`PackedMatrix`,
/// `rs_gemm_packed`) — Wᵀ for X · Wᵀ, W for D · W — where those products run on one thread at
/// sizes for which BLAS's packing of W at every call does not pay.
struct KernelWeight {
  /// W as the unpacked products read it: in place, or its copy with each row on cache lines of its
  /// own (`alignedRows`).
  let w: Rows
  /// Wᵀ (width × count) packed, for C (+)= X · Wᵀ.
  let transposed: PackedMatrix?
  /// W (count × width) packed, for C = D · W.
  let plain: PackedMatrix?

  /// W, packed as Wᵀ and as W where asked, into buffers from `space` (given a count of values,
  /// 64-byte aligned). With `alignedRows`, W's rows are copied into such a buffer, each padded to a
  /// multiple of 8 values, unless they start on cache lines already: one sequence's step products
  /// stream W in 8-value loads (`gemv_avx512.c`), each split across two lines when its row does not
  /// start on one — twice the time (lstm-128, W_hh 32 bytes past a line: 369 steps/s against 637).
  init(
    _ w: Rows, packTransposed: Bool, pack: Bool, alignedRows: Bool = false,
    space: (Int) -> UnsafeMutablePointer<Double>
  ) {
    let stride = (w.width + 7) / 8 * 8
    // Taken whether or not W is copied, so that the buffers after it keep their slots.
    let copy = alignedRows ? space(w.count * stride) : nil
    if let copy, Int(bitPattern: w.base) % 64 != 0 || w.stride != stride {
      for r in 0..<w.count { (copy + r * stride).update(from: w[r], count: w.width) }
      self.w = Rows(copy, count: w.count, width: w.width, stride: stride)
    } else {
      self.w = w
    }
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
