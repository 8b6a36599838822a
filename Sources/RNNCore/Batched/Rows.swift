/// A read-only row-major block of the kernel's memory: `count` rows of `width` values, row r at
/// `base + r · stride` (stride ≥ width: a slice of a wider buffer's columns).
struct Rows {
  let base: UnsafePointer<Double>
  let count: Int
  let width: Int
  let stride: Int

  init(_ base: UnsafePointer<Double>, count: Int, width: Int, stride: Int? = nil) {
    self.base = base
    self.count = count
    self.width = width
    self.stride = stride ?? width
  }

  init(_ rows: MutableRows) {
    self.init(UnsafePointer(rows.base), count: rows.count, width: rows.width, stride: rows.stride)
  }

  /// Row r (a pointer to its `width` values).
  subscript(r: Int) -> UnsafePointer<Double> { base + r * stride }
}
