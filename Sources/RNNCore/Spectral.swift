import CLapackShim

/// Eigenvalues and singular values of recurrent weights, computed by LAPACK (dgeev, dgesdd).
public enum Spectral {
  public struct Eigenvalue: Sendable, Equatable {
    public let re: Double
    public let im: Double
    public var magnitude: Double { (re * re + im * im).squareRoot() }
  }

  /// The eigenvalues of a square matrix (nil if LAPACK reports a failure or the matrix is not
  /// finite).
  public static func eigenvalues(_ m: Matrix) -> [Eigenvalue]? {
    precondition(m.rows == m.cols, "eigenvalues need a square matrix")
    let n = m.rows
    guard n > 0 else { return [] }
    guard m.data.allSatisfy(\.isFinite) else { return nil }
    var a = m.data
    var wr = [Double](repeating: 0, count: n)
    var wi = wr
    let info = rs_eigenvalues(Int32(n), &a, &wr, &wi)
    guard info == 0 else { return nil }
    return (0..<n).map { Eigenvalue(re: wr[$0], im: wi[$0]) }
  }

  /// The singular values, descending (nil on failure).
  public static func singularValues(_ m: Matrix) -> [Double]? {
    guard m.rows > 0, m.cols > 0 else { return [] }
    guard m.data.allSatisfy(\.isFinite) else { return nil }
    var a = m.data
    var s = [Double](repeating: 0, count: min(m.rows, m.cols))
    let info = rs_singular_values(Int32(m.rows), Int32(m.cols), &a, &s)
    return info == 0 ? s : nil
  }

  /// ρ(W) = max |λ|, σ_max(W) (NaN when they cannot be computed).
  public static func figures(_ m: Matrix) -> SpectralFigures {
    let radius = eigenvalues(m).map { $0.map(\.magnitude).max() ?? 0 } ?? .nan
    let sigma = singularValues(m).map { $0.first ?? 0 } ?? .nan
    return SpectralFigures(radius: radius, sigmaMax: sigma)
  }

  /// Rows [g·H, (g+1)·H) of a stacked weight_hh: gate g's H×H block.
  public static func block(_ w: Matrix, gate g: Int, hidden h: Int) -> Matrix {
    Matrix(rows: h, cols: w.cols, data: Array(w.data[(g * h * w.cols)..<((g + 1) * h * w.cols)]))
  }

  /// An LSTM weight_hh's block of gate `g`.
  public static func block(_ w: Matrix, gate g: LSTMGate, hidden h: Int) -> Matrix {
    block(w, gate: g.index, hidden: h)
  }

  /// A GRU weight_hh's block of gate `g`.
  public static func block(_ w: Matrix, gate g: GRUGate, hidden h: Int) -> Matrix {
    block(w, gate: g.index, hidden: h)
  }

  /// The block of the cell's candidate (`CellKind.candidateBlock`: the RNN's W_hh, the LSTM's
  /// W_hg, the GRU's W_hn), whose spectrum the views show.
  public static func candidateBlock(_ w: Matrix, cell: CellKind, hidden h: Int) -> Matrix {
    block(w, gate: cell.candidateBlock, hidden: h)
  }

  /// Figures for every rnn.weight_hh_l{k}, one per gate block in PyTorch order.
  public static func report(_ model: Model) -> [(name: String, blocks: [SpectralFigures])] {
    let c = model.config
    return model.parameters.layers.enumerated().map { k, layer in
      (
        "rnn.weight_hh_l\(k)",
        (0..<c.cell.gateCount).map {
          figures(block(layer.weightHH, gate: $0, hidden: c.hiddenSize))
        }
      )
    }
  }
}
