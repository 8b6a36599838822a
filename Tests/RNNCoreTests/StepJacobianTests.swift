import Foundation
import Testing

@testable import RNNCore

/// J_t = ∂s_t/∂s_{t−1} (s = h, or (h, c) for the LSTM) against central differences of the cell's
/// forward step and against BPTT, and ‖J_t‖₂ against a largest singular value found without LAPACK
/// (power iteration on JᵀJ).
struct StepJacobianTests {
  static func pass(_ cell: CellKind, _ act: Activation, layers: Int = 1) -> ForwardPass {
    let config = ModelConfig(
      cell: cell, activation: act, inputSize: 3, hiddenSize: 6, numLayers: layers, outputSize: 2)
    var p = ModelParameters.pytorchDefault(config, seed: 11)
    // Larger weights than the default, so that units leave the linear region.
    for n in p.names { p[n] = p[n].map { $0 * 2.5 } }
    var pass = ForwardPass(model: Model(config: config, parameters: p), loss: .mse)
    var g = SeededGenerator(seed: 5)
    for t in 0..<8 {
      pass.step(
        .vector((0..<3).map { _ in g.uniform(-1.5, 1.5) }),
        target: t == 7 ? .vector([0.3, -0.2]) : nil)
    }
    return pass
  }

  /// The state s_t as a function of s_{t−1} with the step's input held: h ↦ h', or for the LSTM
  /// (h, c) ↦ (h', c'), h first.
  static func forward(_ pass: ForwardPass, _ t: Int, _ k: Int, _ state: [Double]) -> [Double] {
    let c = pass.model.config
    let p = pass.model.parameters.layers[k]
    let s = pass.steps[t].layers[k]
    let H = c.hiddenSize
    switch c.cell {
    case .rnn: return RNNCell.forward(p, c.activation, x: s.input, hPrev: state).hidden
    case .lstm:
      let next = LSTMCell.forward(
        p, x: s.input, hPrev: Array(state[..<H]), cPrev: Array(state[H...]))
      return next.hidden + next.cell
    case .gru: return GRUCell.forward(p, x: s.input, hPrev: state).hidden
    }
  }

  /// σ_max(J) by power iteration on JᵀJ, in plain Swift: the Rayleigh quotient's square root once
  /// it stops changing.
  static func powerSigma(_ j: Matrix) -> Double {
    let n = j.cols
    var v = (0..<n).map { Double($0 + 1) / Double(n) }
    var sigma = 0.0
    for _ in 0..<20000 {
      let jv = (0..<j.rows).map { r in (0..<n).reduce(0.0) { $0 + j[r, $1] * v[$1] } }
      var w = (0..<n).map { c in (0..<j.rows).reduce(0.0) { $0 + j[$1, c] * jv[$1] } }
      let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 0 else { return 0 }
      w = w.map { $0 / norm }
      let vv = v.reduce(0) { $0 + $1 * $1 }
      let next = (jv.reduce(0) { $0 + $1 * $1 } / vv).squareRoot()
      v = w
      if abs(next - sigma) <= 1e-16 * next { return next }
      sigma = next
    }
    return sigma
  }

  @Test(arguments: [
    (CellKind.rnn, Activation.tanh), (.rnn, .sigmoid), (.rnn, .relu), (.lstm, .tanh), (.gru, .tanh),
  ])
  func theJacobianIsTheDerivativeOfTheStep(cell: CellKind, act: Activation) {
    let pass = Self.pass(cell, act, layers: 2)
    let eps = 1e-6
    for t in [1, 4, 7] {
      for k in 0..<2 {
        let s = pass.steps[t].layers[k]
        let j = StepJacobian.matrix(
          pass.model.parameters.layers[k], cell: cell, activation: act, step: s)
        let state = cell == .lstm ? s.hPrev + s.cPrev : s.hPrev
        #expect(j.rows == state.count && j.cols == state.count)
        for col in state.indices {
          var up = state
          var down = state
          up[col] += eps
          down[col] -= eps
          let hu = Self.forward(pass, t, k, up)
          let hd = Self.forward(pass, t, k, down)
          for row in state.indices {
            let numeric = (hu[row] - hd[row]) / (2 * eps)
            #expect(
              abs(j[row, col] - numeric) < 1e-8, "\(cell) t=\(t) l\(k) J[\(row),\(col)]")
          }
        }
      }
    }
  }

  @Test(arguments: [CellKind.rnn, .lstm, .gru])
  func theNormIsTheLargestSingularValue(cell: CellKind) {
    let pass = Self.pass(cell, .tanh)
    let p = pass.model.parameters.layers[0]
    for t in 0..<8 {
      let s = pass.steps[t].layers[0]
      let j = StepJacobian.matrix(p, cell: cell, activation: .tanh, step: s)
      let lapack = StepJacobian.norm(p, cell: cell, activation: .tanh, step: s)
      let power = Self.powerSigma(j)
      #expect(power > 0.01, "a real norm compared")
      #expect(abs(lapack - power) < 1e-12, "\(cell) t=\(t): LAPACK \(lapack), power \(power)")
    }
  }

  /// The LSTM's state Jacobian carries the last loss's gradient back as BPTT does: from
  /// g_T = (∂L_T/∂h_T, 0), g_{t−1} = J_tᵀ g_t has BPTT's ∂L_T/∂h_{t−1} as its h part, and its c
  /// part (∂L_T/∂c_{t−1} with h_{t−1} held) plus the way through h_{t−1} = o ⊙ tanh c_{t−1} is
  /// BPTT's ‖∂L_T/∂c_{t−1}‖. The state's gradient shrinks or grows per step by at most ‖J_t‖₂,
  /// and the lower right block is diag(f_t), whose norm `carousel` gives.
  @Test func theLSTMsStateJacobianCarriesTheGradientBackAsBPTTDoes() throws {
    let pass = Self.pass(.lstm, .tanh)
    let b = backpropagate(pass)
    let p = pass.model.parameters.layers[0]
    let H = 6
    let dh = b.lastLossHiddenGradients[0]
    let cellNorms = try #require(b.lastLossCellGradNorms?[0])
    func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    func cellTotal(_ g: [Double], _ t: Int) -> [Double] {
      let s = pass.steps[t].layers[0]
      let o = Array(s.gate(LSTMGate.o))
      return (0..<H).map { u in
        let tc = Foundation.tanh(s.cell[u])
        return g[H + u] + g[u] * o[u] * (1 - tc * tc)
      }
    }
    var g = dh[7] + [Double](repeating: 0, count: H)
    #expect(abs(norm(cellTotal(g, 7)) - cellNorms[7]) <= 1e-12 * cellNorms[7])
    for t in stride(from: 7, through: 1, by: -1) {
      let s = pass.steps[t].layers[0]
      let j = StepJacobian.matrix(p, cell: .lstm, activation: .tanh, step: s)
      let back = (0..<(2 * H)).map { c in (0..<(2 * H)).reduce(0.0) { $0 + j[$1, c] * g[$1] } }
      let n = StepJacobian.norm(p, cell: .lstm, activation: .tanh, step: s)
      #expect(norm(back) <= n * norm(g) * (1 + 1e-12), "t=\(t)")
      g = back
      for u in 0..<H {
        #expect(abs(g[u] - dh[t - 1][u]) <= 1e-12 * norm(dh[t - 1]), "t=\(t - 1) unit \(u)")
      }
      let c = norm(cellTotal(g, t - 1))
      #expect(abs(c - cellNorms[t - 1]) <= 1e-12 * cellNorms[t - 1], "t=\(t - 1)")
      let f = Array(s.gate(LSTMGate.f))
      for r in 0..<H {
        for col in 0..<H { #expect(j[H + r, H + col] == (r == col ? f[r] : 0)) }
      }
      let carousel = try #require(StepJacobian.carousel(cell: .lstm, step: s))
      #expect(carousel == f.max()! && carousel <= n)
    }
    #expect(
      StepJacobian.carousel(cell: .gru, step: Self.pass(.gru, .tanh).steps[3].layers[0]) == nil)
  }

  /// The vanilla RNN: J_t = diag(φ′(a_t)) W_hh entry by entry.
  @Test func theVanillaJacobianScalesTheRowsOfWhh() {
    let pass = Self.pass(.rnn, .sigmoid)
    let p = pass.model.parameters.layers[0]
    let s = pass.steps[3].layers[0]
    let j = StepJacobian.matrix(p, cell: .rnn, activation: .sigmoid, step: s)
    for r in 0..<6 {
      let d = s.hidden[r] * (1 - s.hidden[r])
      for c in 0..<6 { #expect(j[r, c] == d * p.weightHH[r, c]) }
    }
  }

  /// Where h_t is the only way from h_{t−1} to L_T (a vanilla RNN or a GRU, the last loss, t ≤ T),
  /// the factor per step back is at most ‖J_t‖₂.
  @Test(arguments: [CellKind.rnn, .gru])
  func theFactorPerStepBackIsBoundedByTheJacobianNorm(cell: CellKind) throws {
    let pass = Self.pass(cell, .tanh)
    let b = backpropagate(pass)
    let factors = GradientFactors.perStep(b.lastLossHiddenGradNorms[0])
    #expect(factors[0] == nil)
    for t in 1...7 {
      let f = try #require(factors[t])
      let n = StepJacobian.norm(
        pass.model.parameters.layers[0], cell: cell, activation: .tanh,
        step: pass.steps[t].layers[0])
      #expect(f <= n * (1 + 1e-12), "t=\(t): ×\(f) back, ‖J‖₂ \(n)")
      #expect(f == b.lastLossHiddenGradNorms[0][t - 1] / b.lastLossHiddenGradNorms[0][t])
    }
  }

  @Test func theMeanFactorIsTheGeometricMeanOfTheSteps() throws {
    let norms = [8.0, 4, 1, 0.5]
    #expect(GradientFactors.perStep(norms) == [nil, 2, 4, 2])
    let mean = try #require(GradientFactors.mean(norms))
    #expect(abs(mean * mean * mean - 16) < 1e-12)
    #expect(GradientFactors.perStep([1, 0, 2]) == [nil, nil, 0])
    #expect(GradientFactors.mean([1]) == nil && GradientFactors.mean([0, 1]) == nil)
  }
}
