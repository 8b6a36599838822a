import CLapackShim

/// A writable row-major block of the kernel's memory: `count` rows of `width` values, row r at
/// `base + r · stride`. Its products name the shapes and transposes they take, in place of
/// `rs_gemm`'s thirteen positional arguments (each checks the shapes agree, once per call).
struct MutableRows {
  let base: UnsafeMutablePointer<Double>
  let count: Int
  let width: Int
  let stride: Int

  init(_ base: UnsafeMutablePointer<Double>, count: Int, width: Int, stride: Int? = nil) {
    self.base = base
    self.count = count
    self.width = width
    self.stride = stride ?? width
  }

  /// Row r (a pointer to its `width` values).
  subscript(r: Int) -> UnsafeMutablePointer<Double> { base + r * stride }

  /// C += A · Bᵀ  (A: m × k, B: n × k, C = self: m × n) — e.g. Z += X · W_ihᵀ.
  func add(_ a: Rows, timesTransposed b: Rows) { gemm(a, false, b, true, beta: 1) }

  /// C = A · Bᵀ  (A: m × k, B: n × k, C = self: m × n).
  func set(_ a: Rows, timesTransposed b: Rows) { gemm(a, false, b, true, beta: 0) }

  /// C = A · B  (A: m × k, B: k × n, C = self: m × n) — e.g. ∂L/∂h_{t−1} = d(Z_h) · W_hh.
  func set(_ a: Rows, times b: Rows) { gemm(a, false, b, false, beta: 0) }

  /// C += Aᵀ · B  (A: k × m, B: k × n, C = self: m × n) — e.g. dW_hh += d(Z_h)ᵀ · H_{t−1}: with
  /// `ownKernel`, each C value one chain of fused multiply-adds over A's rows in order
  /// (`rs_gemm_tn_add`, A and B read in place); otherwise through BLAS.
  func add(transposed a: Rows, times b: Rows, ownKernel: Bool) {
    precondition(a.width == count && b.width == width && a.count == b.count, "GEMM shapes")
    guard ownKernel else {
      gemm(a, true, b, false, beta: 1)
      return
    }
    rs_gemm_tn_add(
      Int32(count), Int32(width), Int32(a.count), a.base, a.stride, b.base, b.stride, base, stride)
  }

  /// C += A · P  (A: m × k, P: k × n, packed) — e.g. Z += h_{t−1} · W_hhᵀ.
  func add(_ a: Rows, times p: PackedMatrix) { packed(a, p, beta: 1) }

  /// C = A · P  (A: m × k, P: k × n, packed) — e.g. ∂L/∂h_{t−1} = d(Z_h) · W_hh.
  func set(_ a: Rows, times p: PackedMatrix) { packed(a, p, beta: 0) }

  /// C = bias + A · P  (A: m × k, P: k × n, packed; bias: n values added to every row) — e.g.
  /// Z_x = b + X · W_ihᵀ: bit for bit C set to the bias, then `add(_:times:)`.
  func set(_ a: Rows, times p: PackedMatrix, plus bias: UnsafePointer<Double>) {
    precondition(a.count == count && a.width == p.k && p.n == width, "GEMM shapes")
    rs_gemm_packed_bias(
      Int32(count), Int32(width), Int32(p.k), a.base, a.stride, p.base, bias, base, stride)
  }

  private func packed(_ a: Rows, _ p: PackedMatrix, beta: Double) {
    precondition(a.count == count && a.width == p.k && p.n == width, "GEMM shapes")
    rs_gemm_packed(
      Int32(count), Int32(width), Int32(p.k), a.base, a.stride, p.base, beta, base, stride)
  }

  /// C = op(A) · op(B) + β C through BLAS (`rs_gemm`), after checking op(A) is m × k and op(B)
  /// k × n for C's m × n.
  private func gemm(_ a: Rows, _ ta: Bool, _ b: Rows, _ tb: Bool, beta: Double) {
    let (am, ak) = ta ? (a.width, a.count) : (a.count, a.width)
    let (bk, bn) = tb ? (b.width, b.count) : (b.count, b.width)
    precondition(am == count && bn == width && ak == bk, "GEMM shapes")
    rs_gemm(
      ta ? 1 : 0, tb ? 1 : 0, Int32(count), Int32(width), Int32(ak), 1, a.base, Int32(a.stride),
      b.base, Int32(b.stride), beta, base, Int32(stride))
  }
}

extension MutableRows {
  /// The same rows, only the columns `range` of each.
  func columns(_ range: Range<Int>) -> MutableRows {
    MutableRows(base + range.lowerBound, count: count, width: range.count, stride: stride)
  }
}
