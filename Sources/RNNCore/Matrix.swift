import CLapackShim

/// A dense row-major matrix of Doubles. Vectors are plain `[Double]`.
public struct Matrix: Equatable, Sendable {
  public let rows: Int
  public let cols: Int
  public var data: [Double]

  public init(rows: Int, cols: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && cols >= 0)
    self.rows = rows
    self.cols = cols
    data = [Double](repeating: value, count: rows * cols)
  }

  public init(rows: Int, cols: Int, data: [Double]) {
    precondition(
      data.count == rows * cols, "matrix data has \(data.count) values, shape needs \(rows * cols)")
    self.rows = rows
    self.cols = cols
    self.data = data
  }

  @inline(__always) public subscript(r: Int, c: Int) -> Double {
    get { data[r * cols + c] }
    set { data[r * cols + c] = newValue }
  }

  public var shape: [Int] { [rows, cols] }

  /// y = A x  (BLAS dgemv)
  public func times(_ x: [Double]) -> [Double] {
    precondition(x.count == cols)
    var y = [Double](repeating: 0, count: rows)
    rs_gemv(0, Int32(rows), Int32(cols), data, x, &y)
    return y
  }

  /// y = Aᵀ x  (BLAS dgemv, transposed)
  public func transposedTimes(_ x: [Double]) -> [Double] {
    precondition(x.count == rows)
    var y = [Double](repeating: 0, count: cols)
    rs_gemv(1, Int32(rows), Int32(cols), data, x, &y)
    return y
  }

  /// A += u vᵀ  (BLAS dger)
  public mutating func addOuter(_ u: [Double], _ v: [Double]) {
    precondition(u.count == rows && v.count == cols)
    rs_ger(Int32(rows), Int32(cols), u, v, &data)
  }

  /// A += Uᵀ V = Σ_k u_k v_kᵀ, U given as `count` rows of `rows` values and V as `count` rows of
  /// `cols` values
  public mutating func addOuterSum(_ u: [Double], _ v: [Double], count: Int) {
    precondition(u.count == count * rows && v.count == count * cols)
    rs_gemm(
      1, 0, Int32(rows), Int32(cols), Int32(count), 1, u, Int32(rows), v, Int32(cols), 1, &data,
      Int32(cols))
  }

  /// Column `c` as a vector (A e_c: what a one-hot input selects).
  public func column(_ c: Int) -> [Double] { (0..<rows).map { self[$0, c] } }
}

/// x += y
@inline(__always) public func addInPlace(_ x: inout [Double], _ y: [Double]) {
  precondition(x.count == y.count)
  for i in x.indices { x[i] += y[i] }
}
