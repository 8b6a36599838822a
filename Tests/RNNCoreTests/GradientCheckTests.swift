import Testing

@testable import RNNCore

/// Central finite differences in Double against the analytic BPTT gradients, for every cell type
/// and activation, 1 and 2 layers, with one-hot, dense and embedded inputs, masks, and both losses.
struct GradientCheckTests {
  static let eps = 1e-5
  static let T = 6

  struct Case: CustomTestStringConvertible, Sendable {
    let cell: CellKind, act: Activation, layers: Int
    enum Input: Sendable { case oneHot, dense, embedding }
    let input: Input
    let loss: LossKind
    let masked: Bool
    var testDescription: String {
      "\(cell)/\(act) L=\(layers) \(input) \(loss.rawValue)\(masked ? " masked" : "")"
    }

    var config: ModelConfig {
      ModelConfig(
        cell: cell, activation: act, inputSize: 3, hiddenSize: 3, numLayers: layers,
        outputSize: loss == .mse ? 2 : 4, embeddingCount: input == .embedding ? 5 : nil)
    }
  }

  static let cases: [Case] = {
    var out: [Case] = []
    let cells: [(CellKind, Activation)] = [
      (.rnn, .tanh), (.rnn, .sigmoid), (.rnn, .relu), (.lstm, .tanh), (.gru, .tanh),
    ]
    for (cell, act) in cells {
      for layers in [1, 2] {
        out.append(
          Case(
            cell: cell, act: act, layers: layers, input: .oneHot, loss: .crossEntropy, masked: false
          ))
        out.append(
          Case(cell: cell, act: act, layers: layers, input: .dense, loss: .mse, masked: true))
        out.append(
          Case(
            cell: cell, act: act, layers: layers, input: .embedding, loss: .crossEntropy,
            masked: true))
      }
    }
    return out
  }()

  static func parameters(_ c: Case, seed: UInt64 = 7) -> ModelParameters {
    var p = ModelParameters.pytorchDefault(c.config, seed: seed)
    // Larger weights than the default so activations leave the linear region and gradients are not
    // tiny.
    for n in p.names where n != "embedding.weight" { p[n] = p[n].map { $0 * 2.2 } }
    return p
  }

  struct Sequence {
    var inputs: [StepInput]
    var targets: [Target?]
    var active: [Bool]
  }

  static func sequence(_ c: Case, seed: UInt64 = 99) -> Sequence {
    var g = SeededGenerator(seed: seed)
    var s = Sequence(inputs: [], targets: [], active: [])
    for t in 0..<T {
      switch c.input {
      case .oneHot: s.inputs.append(.token(Int(g.next() % 3)))
      case .embedding: s.inputs.append(.token(Int(g.next() % 5)))
      case .dense: s.inputs.append(.vector((0..<3).map { _ in g.uniform(-1.5, 1.5) }))
      }
      if t == 2 {
        s.targets.append(nil)
      } else if c.loss == .crossEntropy {
        s.targets.append(.index(Int(g.next() % 4)))
      } else {
        s.targets.append(.vector([g.uniform(-1, 1), g.uniform(-1, 1)]))
      }
      s.active.append(!(c.masked && t >= T - 2))
    }
    return s
  }

  static func run(
    _ c: Case, _ p: ModelParameters, _ s: Sequence, nudge: (Int, Nudge)? = nil,
    onlyLast: Int? = nil,
    from: Int = 0, to: Int? = nil, h0: [[Double]]? = nil, c0: [[Double]]? = nil
  ) -> ForwardPass {
    var pass = ForwardPass(
      model: Model(config: c.config, parameters: p), loss: c.loss, initialHidden: h0,
      initialCell: c0)
    for t in from...(to ?? T - 1) {
      let target = onlyLast.map { $0 == t ? s.targets[t] : nil } ?? s.targets[t]
      pass.step(
        s.inputs[t], target: target, active: s.active[t],
        nudge: nudge.flatMap { $0.0 == t ? $0.1 : nil })
    }
    return pass
  }

  /// Relative error |a − n| / max(|a|, |n|). Central differences in Double carry a round-off of
  /// about 1e-16·L/ε ≈ 1e-10 whatever the entry's size, so entries below 1e-3 are held to that
  /// absolute floor (|a − n| < 1e-9) instead; `tensorRelErr` checks each whole tensor relatively as
  /// well.
  static func relErr(_ a: Double, _ n: Double) -> Double { abs(a - n) / max(abs(a), abs(n), 1e-3) }

  // ‖a − n‖ / max(‖a‖, ‖n‖)
  static func tensorRelErr(_ a: [Double], _ n: [Double]) -> Double {
    euclideanNorm(zip(a, n).map { $0 - $1 }) / max(euclideanNorm(a), euclideanNorm(n), 1e-300)
  }

  static func check(_ analytic: [Double], _ numeric: [Double], _ what: String) {
    for i in analytic.indices {
      #expect(
        relErr(analytic[i], numeric[i]) < 1e-6,
        "\(what)[\(i)]: analytic \(analytic[i]) numeric \(numeric[i])")
    }
    #expect(tensorRelErr(analytic, numeric) < 1e-6, "\(what) as a whole")
  }

  @Test(arguments: cases)
  func parameterGradients(_ c: Case) {
    let p = Self.parameters(c)
    let s = Self.sequence(c)
    let result = backpropagate(Self.run(c, p, s))
    var nonZero = 0
    for name in p.names {
      let analytic = result.gradients[name]
      let numeric = analytic.indices.map { i -> Double in
        var plus = p
        var minus = p
        plus[name][i] += Self.eps
        minus[name][i] -= Self.eps
        return (Self.run(c, plus, s).totalLoss - Self.run(c, minus, s).totalLoss) / (2 * Self.eps)
      }
      Self.check(analytic, numeric, "\(c.testDescription) \(name)")
      nonZero += analytic.filter { abs($0) > 1e-3 }.count
    }
    #expect(nonZero > 5, "the check compared real gradients")
  }

  @Test(arguments: cases)
  func hiddenAndCellGradients(_ c: Case) {
    let p = Self.parameters(c)
    let s = Self.sequence(c)
    let result = backpropagate(Self.run(c, p, s))
    let lastOnly = result.lastLossStep!
    for k in 0..<c.layers {
      for t in 0..<Self.T where s.active[t] {
        func fd(_ unit: Int, cell: Bool, onlyLast: Int?) -> Double {
          var d = [0.0, 0, 0]
          d[unit] = Self.eps
          let z = [0.0, 0, 0]
          let up = Nudge(layer: k, dh: cell ? z : d, dc: cell ? d : nil)
          let down = Nudge(layer: k, dh: cell ? z : d.map { -$0 }, dc: cell ? d.map { -$0 } : nil)
          return
            (Self.run(c, p, s, nudge: (t, up), onlyLast: onlyLast).totalLoss
            - Self.run(c, p, s, nudge: (t, down), onlyLast: onlyLast).totalLoss) / (2 * Self.eps)
        }
        Self.check(
          result.hiddenGradients[k][t], (0..<3).map { fd($0, cell: false, onlyLast: nil) },
          "∂L/∂h[l\(k)][\(t)]")
        #expect(
          abs(result.hiddenGradNorms[k][t] - euclideanNorm(result.hiddenGradients[k][t])) < 1e-15)
        Self.check(
          result.lastLossHiddenGradients[k][t],
          (0..<3).map { fd($0, cell: false, onlyLast: lastOnly) },
          "∂L_last/∂h[l\(k)][\(t)]")
        if c.cell == .lstm {
          let numeric = (0..<3).map { fd($0, cell: true, onlyLast: nil) }
          #expect(
            abs(result.cellGradNorms![k][t] - euclideanNorm(numeric)) < 1e-6
              * max(1, euclideanNorm(numeric)),
            "‖∂L/∂c[l\(k)][\(t)]‖")
          let numericLast = (0..<3).map { fd($0, cell: true, onlyLast: lastOnly) }
          #expect(
            abs(result.lastLossCellGradNorms![k][t] - euclideanNorm(numericLast)) < 1e-6
              * max(1, euclideanNorm(numericLast)),
            "‖∂L_last/∂c[l\(k)][\(t)]‖")
        } else {
          #expect(result.lastLossCellGradNorms == nil)
        }
      }
    }
  }

  /// Truncated BPTT(k1, k2): every k1 steps, the losses of those k1 steps are backpropagated k2
  /// steps, so the gradient is Σ over chunks of the gradient with the state entering the chunk's
  /// window held fixed.
  @Test(arguments: [(CellKind.lstm, 2, 2), (.gru, 2, 3), (.rnn, 3, 4), (.rnn, 1, 1)])
  func truncatedBPTTMatchesFiniteDifferencesOfDetachedWindows(cell: CellKind, k1: Int, k2: Int) {
    let c = Case(
      cell: cell, act: .tanh, layers: 2, input: .oneHot, loss: .crossEntropy, masked: false)
    let p = Self.parameters(c)
    let s = Self.sequence(c)
    let base = Self.run(c, p, s)
    let result = backpropagate(base, mode: .truncated(k1: k1, k2: k2))
    // Chunk ends e = k1−1, 2k1−1, …, T−1.
    var ends: [Int] = []
    var e = k1 - 1
    while e < Self.T - 1 {
      ends.append(e)
      e += k1
    }
    ends.append(Self.T - 1)
    func windowLoss(_ q: ModelParameters) -> Double {
      var total = 0.0
      var prevEnd = -1
      for e in ends {
        let start = max(0, e - k2 + 1)
        let h0 = start == 0 ? nil : base.steps[start - 1].hidden
        let c0 = start == 0 || cell != .lstm ? nil : base.steps[start - 1].cell
        let w = Self.run(c, q, s, from: start, to: e, h0: h0, c0: c0)
        for (i, st) in w.steps.enumerated() where start + i > prevEnd { total += st.loss ?? 0 }
        prevEnd = e
      }
      return total
    }
    for name in ["rnn.weight_hh_l0", "rnn.weight_ih_l1", "rnn.bias_hh_l1", "fc.weight"] {
      let numeric = result.gradients[name].indices.map { i -> Double in
        var plus = p
        var minus = p
        plus[name][i] += Self.eps
        minus[name][i] -= Self.eps
        return (windowLoss(plus) - windowLoss(minus)) / (2 * Self.eps)
      }
      Self.check(result.gradients[name], numeric, "TBPTT(\(k1),\(k2)) \(name)")
    }
    if k1 == 2 && k2 == 2 {
      #expect(
        backpropagate(base, mode: .truncated(k1: 6, k2: 6)).gradients
          == backpropagate(base).gradients)
    }
  }
}
