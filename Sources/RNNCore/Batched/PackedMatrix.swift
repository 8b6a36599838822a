import CLapackShim

/// A k × n matrix B copied once into the panels `rs_gemm_packed` reads (8 columns each, each row's
/// 8 values side by side), for products against it step after step: the recurrence's W_hh, which
/// BLAS would copy into its own layout again on every step's call.
struct PackedMatrix {
  let base: UnsafePointer<Double>
  let k: Int
  let n: Int

  /// The values `rs_gemm_packed` reads for a k × n matrix (n rounded up to a whole panel).
  static func size(k: Int, n: Int) -> Int { rs_packed_size(Int32(k), Int32(n)) }

  /// Packs W (`rows` × `width`, row-major) into `buffer` (`size` values) as B = W, or as B = Wᵀ
  /// when `transposed`.
  init(_ w: Rows, transposed: Bool, into buffer: UnsafeMutablePointer<Double>) {
    precondition(w.stride == w.width, "a packed matrix from contiguous rows")
    k = transposed ? w.width : w.count
    n = transposed ? w.count : w.width
    let (rowStride, columnStride) = transposed ? (1, w.width) : (w.width, 1)
    rs_pack_panels(Int32(k), Int32(n), w.base, rowStride, columnStride, buffer)
    base = UnsafePointer(buffer)
  }
}
