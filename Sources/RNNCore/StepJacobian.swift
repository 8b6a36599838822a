import Foundation

/// J_t, one layer's state Jacobian at one step, and its spectral norm: how much one step back can
/// stretch the gradient at most (‖∂L/∂s_{t−1}‖ ≤ ‖J_t‖₂ ‖∂L/∂s_t‖ where the state s_t is the only
/// path from s_{t−1} to the loss). The state is h for the vanilla RNN and the GRU, (h, c) for the
/// LSTM.
public enum StepJacobian {
  /// RNN: J_t = ∂h_t/∂h_{t−1} = diag(φ′(a_t)) W_hh.
  /// GRU: J_t = ∂h_t/∂h_{t−1} = diag(z) + diag((h_{t−1} − n) ⊙ z′) W_hz
  ///   + diag((1 − z) ⊙ n′ ⊙ r) W_hn + diag((1 − z) ⊙ n′ ⊙ (W_hn h_{t−1} + b_hn) ⊙ r′) W_hr.
  /// LSTM (2H × 2H, rows and columns h then c): J_t = ∂(h_t, c_t)/∂(h_{t−1}, c_{t−1}) =
  ///   [[diag(o′ ⊙ tanh c_t) W_ho + diag(o ⊙ tanh′ c_t) C, diag(o ⊙ tanh′ c_t ⊙ f)], [C, diag(f)]]
  ///   with C = ∂c_t/∂h_{t−1} = diag(g ⊙ i′) W_hi + diag(c_{t−1} ⊙ f′) W_hf + diag(i ⊙ g′) W_hg.
  /// (′ is each gate's derivative at its pre-activation: σ′ = σ(1 − σ), tanh′ = 1 − tanh².)
  public static func matrix(
    _ p: LayerParameters, cell: CellKind, activation: Activation, step s: LayerStep
  ) -> Matrix {
    let H = s.hidden.count
    var j = products(p.weightHH, cell: cell, activation: activation, step: s, recurrent: true)
    switch cell {
    case .rnn: break
    case .gru:
      let z = Array(s.gate(GRUGate.z))
      for u in 0..<H { j[u, u] += z[u] }
    case .lstm:
      // The direct path through c_{t−1}: ∂c_t/∂c_{t−1} = diag(f), and through it h_t's.
      let f = Array(s.gate(LSTMGate.f))
      let o = Array(s.gate(LSTMGate.o))
      for u in 0..<H {
        let tc = Foundation.tanh(s.cell[u])
        j[H + u, H + u] = f[u]
        j[u, H + u] = o[u] * (1 - tc * tc) * f[u]
      }
    }
    return j
  }

  /// X_t = ∂s_t/∂x_t, one layer's state against its input at one step (rows as in `matrix`: h, or
  /// h then c for the LSTM; columns the input's width), the same products with W_ih's blocks:
  /// RNN: X_t = diag(φ′(a_t)) W_ih.
  /// GRU: X_t = diag((h_{t−1} − n) ⊙ z′) W_iz + diag((1 − z) ⊙ n′) W_in
  ///   + diag((1 − z) ⊙ n′ ⊙ (W_hn h_{t−1} + b_hn) ⊙ r′) W_ir.
  /// LSTM: X_t = [[diag(o′ ⊙ tanh c_t) W_io + diag(o ⊙ tanh′ c_t) C_x], [C_x]] with
  ///   C_x = ∂c_t/∂x_t = diag(g ⊙ i′) W_ii + diag(c_{t−1} ⊙ f′) W_if + diag(i ⊙ g′) W_ig.
  public static func inputMatrix(
    _ p: LayerParameters, cell: CellKind, activation: Activation, step s: LayerStep
  ) -> Matrix {
    products(p.weightIH, cell: cell, activation: activation, step: s, recurrent: false)
  }

  /// The terms J_t (`matrix`) and X_t (`inputMatrix`) share, against W = W_hh (`recurrent`) or
  /// W_ih: Σ_k diag(u_k) W_k over the gate blocks W_k of W, in columns 0…W.cols − 1; for the
  /// LSTM the c rows C_W and the h rows diag(o′ ⊙ tanh c_t) W_o + diag(o ⊙ tanh′ c_t) C_W. The
  /// GRU's candidate reads h_{t−1} through r (n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))), so
  /// only the recurrent u_n has the factor r.
  static func products(
    _ w: Matrix, cell: CellKind, activation: Activation, step s: LayerStep, recurrent: Bool
  ) -> Matrix {
    let H = s.hidden.count
    let n = w.cols
    // The LSTM's J_t has c_{t−1}'s columns too, which `matrix` fills.
    let width = recurrent && cell == .lstm ? 2 * H : n
    var j = Matrix(rows: cell == .lstm ? 2 * H : H, cols: width)
    // Rows `at`…`at`+H−1 of the result += diag(u) · block k of w.
    func add(_ u: [Double], block k: Int, rows at: Int = 0) {
      for r in 0..<H where u[r] != 0 {
        for c in 0..<n { j[at + r, c] += u[r] * w[k * H + r, c] }
      }
    }
    switch cell {
    case .rnn:
      let d = (0..<H).map {
        activation.derivative(preActivation: s.preActivation[$0], output: s.hidden[$0])
      }
      add(d, block: 0)
    case .gru:
      let r = Array(s.gate(GRUGate.r))
      let z = Array(s.gate(GRUGate.z))
      let g = Array(s.gate(GRUGate.n))
      var uz = [Double](repeating: 0, count: H)
      var un = uz
      var ur = uz
      for u in 0..<H {
        uz[u] = (s.hPrev[u] - g[u]) * z[u] * (1 - z[u])
        let dn: Double = (1 - z[u]) * (1 - g[u] * g[u])
        un[u] = recurrent ? dn * r[u] : dn
        ur[u] = dn * s.hiddenPart[u] * r[u] * (1 - r[u])
      }
      add(uz, block: GRUGate.z.index)
      add(un, block: GRUGate.n.index)
      add(ur, block: GRUGate.r.index)
    case .lstm:
      let i = Array(s.gate(LSTMGate.i))
      let f = Array(s.gate(LSTMGate.f))
      let g = Array(s.gate(LSTMGate.g))
      let o = Array(s.gate(LSTMGate.o))
      let tc = s.cell.map { Foundation.tanh($0) }
      var uo = [Double](repeating: 0, count: H)
      var ui = uo
      var uf = uo
      var ug = uo
      for u in 0..<H {
        uo[u] = o[u] * (1 - o[u]) * tc[u]
        ui[u] = g[u] * i[u] * (1 - i[u])
        uf[u] = s.cPrev[u] * f[u] * (1 - f[u])
        ug[u] = i[u] * (1 - g[u] * g[u])
      }
      // The lower block, C_W = ∂c_t/∂(h_{t−1} or x_t).
      add(ui, block: LSTMGate.i.index, rows: H)
      add(uf, block: LSTMGate.f.index, rows: H)
      add(ug, block: LSTMGate.g.index, rows: H)
      for u in 0..<H {
        // h_t = o ⊙ tanh c_t: through c_t, ∂h_t/∂· = diag(o ⊙ tanh′ c_t) ∂c_t/∂·.
        let dc: Double = o[u] * (1 - tc[u] * tc[u])
        for c in 0..<n { j[u, c] = dc * j[H + u, c] }
      }
      add(uo, block: LSTMGate.o.index)
    }
    return j
  }

  /// ‖J_t‖₂ = σ_max(J_t), the largest singular value (LAPACK, `Spectral.singularValues`) of
  /// `matrix`; NaN when it cannot be computed.
  public static func norm(
    _ p: LayerParameters, cell: CellKind, activation: Activation, step s: LayerStep
  ) -> Double {
    let j = matrix(p, cell: cell, activation: activation, step: s)
    return Spectral.singularValues(j)?.first ?? .nan
  }

  /// An LSTM's carousel term: ‖∂c_t/∂c_{t−1}‖₂ = ‖diag(f_t)‖₂ = max_u f_t,u, the forget gate's
  /// largest value (nil for the other cells, which have no c).
  public static func carousel(cell: CellKind, step s: LayerStep) -> Double? {
    cell == .lstm ? s.gate(LSTMGate.f).max() : nil
  }
}
