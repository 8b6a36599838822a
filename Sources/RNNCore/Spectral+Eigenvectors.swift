import CLapackShim

extension Spectral {
  /// An eigenpair of a real matrix: λ and its right eigenvector v (A v = λ v), v = re + i·im
  /// (im all zero for a real λ), of unit 2-norm.
  public struct Eigenpair: Sendable, Equatable {
    public let value: Eigenvalue
    public let re: [Double]
    public let im: [Double]
  }

  /// Every eigenvalue of a square matrix with its right eigenvector, through LAPACK dgeev (nil on
  /// failure or a matrix that is not finite). A complex pair gives two eigenpairs, conjugates.
  public static func eigenpairs(_ m: Matrix) -> [Eigenpair]? {
    precondition(m.rows == m.cols, "eigenvectors need a square matrix")
    let n = m.rows
    guard n > 0 else { return [] }
    guard m.data.allSatisfy(\.isFinite) else { return nil }
    var wr = [Double](repeating: 0, count: n)
    var wi = wr
    var v = [Double](repeating: 0, count: n * n)
    guard rs_eigenvectors(Int32(n), m.data, &wr, &wi, &v) == 0 else { return nil }
    let row = { (j: Int) in Array(v[(j * n)..<((j + 1) * n)]) }
    var out: [Eigenpair] = []
    var j = 0
    while j < n {
      let value = Eigenvalue(re: wr[j], im: wi[j])
      if wi[j] != 0, j + 1 < n {
        // LAPACK packs λ_j's vector as rows j (real part) and j + 1 (imaginary part).
        let re = row(j)
        let im = row(j + 1)
        out.append(Eigenpair(value: value, re: re, im: im))
        out.append(
          Eigenpair(value: Eigenvalue(re: wr[j + 1], im: wi[j + 1]), re: re, im: im.map { -$0 }))
        j += 2
      } else {
        out.append(Eigenpair(value: value, re: row(j), im: [Double](repeating: 0, count: n)))
        j += 1
      }
    }
    return out
  }
}
