import Foundation
import Testing

@testable import RNNCore

/// FixedPointFinder on hand-built RNNs whose fixed points are known (each checked against a root
/// found by bisection here), its Jacobian against central differences of F for every cell, and
/// F(s*) = s* by stepping the model with ForwardPass.
struct FixedPointFinderTests {
  /// A tanh RNN with no input, no biases and W_hh = diag(w): h ↦ tanh(W h), head = identity.
  static func diagonal(_ w: [Double]) -> Model {
    let n = w.count
    let c = ModelConfig(cell: .rnn, activation: .tanh, inputSize: 1, hiddenSize: n, outputSize: n)
    var p = ModelParameters(zerosFor: c)
    for i in 0..<n {
      p.layers[0].weightHH[i, i] = w[i]
      p.fcWeight[i, i] = 1
    }
    return Model(config: c, parameters: p)
  }

  /// The positive root of h = tanh(w h) (w > 1), by bisection on tanh(w h) − h over (0.01, 1].
  static func root(_ w: Double) -> Double {
    var lo = 0.01
    var hi = 1.0
    for _ in 0..<200 {
      let mid = (lo + hi) / 2
      if tanh(w * mid) - mid > 0 { lo = mid } else { hi = mid }
    }
    return (lo + hi) / 2
  }

  /// F(s*) by ForwardPass, the model's own stepping, from s* with x* as the input.
  static func stepped(_ model: Model, _ x: [Double], _ s: [Double]) -> [Double] {
    let (hs, cs) = FixedPointFinder.layers(of: s, config: model.config)
    var pass = ForwardPass(
      model: model, loss: .mse, initialHidden: hs,
      initialCell: model.config.cell == .lstm ? cs : nil)
    pass.step(.vector(x))
    return FixedPointFinder.state(hidden: pass.hidden, cell: pass.cell, config: model.config)
  }

  @Test func oneTanhUnitWithWeightTwoHasThreeFixedPoints() {
    let model = Self.diagonal([2])
    let finder = FixedPointFinder(model: model, input: [0])
    let starts: [[Double]] = [-1.5, -1, -0.7, -0.2, -0.05, 0, 0.05, 0.2, 0.7, 1, 1.5].map { [$0] }
    let report = finder.find(starts: starts, options: .init())
    let a = Self.root(2)
    #expect(abs(a - 0.9575) < 1e-4)
    #expect(report.points.count == 3)
    #expect(report.unconverged == 0)
    let byState = report.points.sorted { $0.state[0] < $1.state[0] }
    for (p, want) in zip(byState, [-a, 0, a]) {
      #expect(p.isFixed && p.q <= 1e-12)
      #expect(abs(p.state[0] - want) < 1e-12)
      // λ = w (1 − h*²)
      let lambda = 2 * (1 - want * want)
      #expect(p.eigenvalues.count == 1)
      #expect(abs(p.eigenvalues[0].re - lambda) < 1e-10 && p.eigenvalues[0].im == 0)
      #expect(p.stability == (want == 0 ? .unstable : .stable))
      #expect(abs(Self.stepped(model, [0], p.state)[0] - p.state[0]) < 1e-14)
      #expect(abs(p.readout[0] - p.state[0]) < 1e-15)
    }
    #expect(byState.count == 3 && abs(byState[1].eigenvalues[0].re - 2) < 1e-12)
  }

  /// h ↦ tanh(diag(2, 3) h): nine fixed points (0 or ±a₂ in unit 1, 0 or ±a₃ in unit 2): four
  /// stable, four saddles with one unstable mode, and the origin with both unstable.
  @Test func twoUnitsHaveNineFixedPointsOfKnownStability() {
    let model = Self.diagonal([2, 3])
    let finder = FixedPointFinder(model: model, input: [0])
    let grid: [Double] = [-1.3, -0.9, -0.15, 0, 0.15, 0.9, 1.3]
    let starts = grid.flatMap { u in grid.map { v in [u, v] } }
    let report = finder.find(starts: starts, options: .init())
    #expect(report.points.count == 9)
    #expect(report.unconverged == 0)
    let a2 = Self.root(2)
    let a3 = Self.root(3)
    var seen = 0
    for u in [-a2, 0, a2] {
      for v in [-a3, 0, a3] {
        guard
          let p = report.points.first(where: {
            abs($0.state[0] - u) < 1e-10 && abs($0.state[1] - v) < 1e-10
          })
        else {
          Issue.record("no fixed point at (\(u), \(v))")
          continue
        }
        seen += 1
        #expect(p.isFixed)
        let want = [2 * (1 - u * u), 3 * (1 - v * v)].sorted(by: >)
        #expect(zip(p.eigenvalues.map(\.re), want).allSatisfy { abs($0 - $1) < 1e-10 })
        let zeros = (u == 0 ? 1 : 0) + (v == 0 ? 1 : 0)
        let expected: FixedPointStability =
          zeros == 0 ? .stable : zeros == 1 ? .saddle(unstable: 1) : .unstable
        #expect(p.stability == expected)
        let f = Self.stepped(model, [0], p.state)
        #expect(abs(f[0] - p.state[0]) < 1e-14 && abs(f[1] - p.state[1]) < 1e-14)
      }
    }
    #expect(seen == 9)
    // Stable points first, then saddles, then the repeller.
    #expect(report.points.map(\.unstableCount) == [0, 0, 0, 0, 1, 1, 1, 1, 2])
  }

  static func randomModel(_ cell: CellKind, _ act: Activation, layers: Int) -> Model {
    let config = ModelConfig(
      cell: cell, activation: act, inputSize: 3, hiddenSize: 5, numLayers: layers, outputSize: 2)
    var p = ModelParameters.pytorchDefault(config, seed: 7)
    for n in p.names { p[n] = p[n].map { $0 * 2.5 } }
    return Model(config: config, parameters: p)
  }

  @Test(arguments: [
    (CellKind.rnn, Activation.tanh), (.rnn, .sigmoid), (.rnn, .relu), (.lstm, .tanh), (.gru, .tanh),
  ])
  func theJacobianIsACentralDifferenceOfF(cell: CellKind, act: Activation) {
    for layers in [1, 2] {
      let model = Self.randomModel(cell, act, layers: layers)
      let finder = FixedPointFinder(model: model, input: [0.4, -0.7, 0.2])
      var g = SeededGenerator(seed: 3)
      for _ in 0..<3 {
        let s = (0..<finder.stateSize).map { _ in g.uniform(-0.9, 0.9) }
        let j = finder.jacobian(s)
        #expect(j.rows == finder.stateSize && j.cols == finder.stateSize)
        let eps = 1e-5
        var worst = 0.0
        for col in s.indices {
          var up = s
          var down = s
          up[col] += eps
          down[col] -= eps
          let fu = finder.step(up)
          let fd = finder.step(down)
          for r in s.indices {
            worst = max(worst, abs(j[r, col] - (fu[r] - fd[r]) / (2 * eps)))
          }
        }
        #expect(worst < 1e-7, "\(cell) \(act) \(layers) layers: off by \(worst)")
        // F is the model's own step.
        let f = finder.step(s)
        let viaPass = Self.stepped(model, finder.input, s)
        #expect(zip(f, viaPass).allSatisfy { abs($0 - $1) < 1e-14 })
      }
    }
  }

  @Test(arguments: [CellKind.rnn, .lstm, .gru])
  func foundPointsAreFixedWhenSteppedAndTheSearchIsDeterministic(cell: CellKind) {
    let config = ModelConfig(
      cell: cell, activation: .tanh, inputSize: 2, hiddenSize: 6, numLayers: 2, outputSize: 2)
    var p = ModelParameters.pytorchDefault(config, seed: 21)
    // W_hh large enough that there is more than the one point near 0 (the LSTM's stay as drawn:
    // scaled up, this one has only slow points).
    let scale = cell == .lstm ? 1.0 : 6.0
    for k in 0..<2 { p.layers[k].weightHH.data = p.layers[k].weightHH.data.map { $0 * scale } }
    let model = Model(config: config, parameters: p)
    var pass = ForwardPass(model: model, loss: .mse)
    var g = SeededGenerator(seed: 4)
    for _ in 0..<40 { pass.step(.vector([g.uniform(-1, 1), g.uniform(-1, 1)])) }
    var o = FixedPointFinder.Options()
    o.starts = 24
    o.noise = 0.1
    let report = FixedPointFinder.find(model: model, pass: pass, input: .zero, options: o)!
    let again = FixedPointFinder.find(model: model, pass: pass, input: .zero, options: o)!
    #expect(report == again)
    #expect(!report.fixed.isEmpty)
    for q in report.fixed {
      // ‖F(s*) − s*‖ by the model's own step is the √(2q) the finder reports, within √tol.
      let f = Self.stepped(model, [0, 0], q.state)
      let d = euclideanNorm(zip(f, q.state).map { $0 - $1 })
      #expect(d <= o.tolerance.squareRoot(), "\(cell): ‖F(s*) − s*‖ = \(d)")
      #expect(abs(d - (2 * q.q).squareRoot()) <= 1e-15 + 1e-9 * d)
      #expect(q.q <= o.tolerance)
    }
    // Distinct: no two points closer than the de-duplication distance.
    for (i, a) in report.points.enumerated() {
      for b in report.points[(i + 1)...] {
        #expect(euclideanNorm(zip(a.state, b.state).map { $0 - $1 }) >= o.dedupDistance)
      }
    }
  }

  @Test func theInputIsZeroTheMeanOrAStep() {
    let inputs: [[Double]] = [[1, 0], [0, 1], [1, 1], [0, 0]]
    #expect(FixedPointInput.zero.vector(width: 2, inputs: inputs) == [0, 0])
    #expect(FixedPointInput.mean.vector(width: 2, inputs: inputs) == [0.5, 0.5])
    #expect(FixedPointInput.step(2).vector(width: 2, inputs: inputs) == [1, 1])
    #expect(FixedPointInput.step(4).vector(width: 2, inputs: inputs) == nil)
  }

  @Test func stabilityFromMagnitudes() {
    #expect(FixedPointStability(magnitudes: [0.9, 0.5], tolerance: 1e-3) == .stable)
    #expect(FixedPointStability(magnitudes: [1.2, 0.5], tolerance: 1e-3) == .saddle(unstable: 1))
    #expect(FixedPointStability(magnitudes: [1.2, 1.5], tolerance: 1e-3) == .unstable)
    #expect(
      FixedPointStability(magnitudes: [1.2, 1.0004, 0.3], tolerance: 1e-3)
        == .marginal(unstable: 1, marginal: 1))
  }

  @Test func theFlipFlopHoldsTheSignOfEachChannelsLastPulse() throws {
    let task = try SequenceTask(kind: .flipflop, length: 400, bits: 3)
    #expect(task.inputSize == 3 && task.outputSize == 3 && task.loss == .mse)
    var g = SeededGenerator(seed: 9)
    let ex = task.example(&g)
    var held = [0.0, 0.0, 0.0]
    var pulses = 0
    for (x, y) in zip(ex.inputs, ex.targets) {
      guard case .vector(let v) = x, case .vector(let t)? = y else {
        Issue.record("flip-flop steps are vectors with a target")
        return
      }
      for k in 0..<3 where v[k] != 0 {
        #expect(v[k] == 1 || v[k] == -1)
        held[k] = v[k]
        pulses += 1
      }
      #expect(t == held)
    }
    // p = 0.05 per step and channel: about 60 pulses in 1200 channel-steps.
    #expect((30...90).contains(pulses))
  }

  /// The integrator's target is the running sum of its pulses (sizes 0.05–0.25, either sign, on
  /// about one step in ten), the same sequence from the same seed.
  @Test func theIntegratorsTargetIsTheRunningSum() throws {
    let task = try SequenceTask(kind: .integrator, length: 1000)
    #expect(task.inputSize == 1 && task.outputSize == 1 && task.loss == .mse)
    var g = SeededGenerator(seed: 4)
    let ex = task.example(&g)
    var sum = 0.0
    var pulses = 0
    var signs = Set<Bool>()
    for (x, y) in zip(ex.inputs, ex.targets) {
      guard case .vector(let v) = x, case .vector(let t)? = y else {
        Issue.record("integrator steps are vectors with a target")
        return
      }
      if v[0] != 0 {
        #expect((0.05...0.25).contains(abs(v[0])))
        pulses += 1
        signs.insert(v[0] > 0)
      }
      sum += v[0]
      #expect(t == [sum])
    }
    // p = 0.1: about 100 pulses in 1000 steps, of both signs.
    #expect((60...140).contains(pulses) && signs.count == 2)
    var h = SeededGenerator(seed: 4)
    #expect(task.example(&h) == ex)
    #expect(task.correct(outputs: [sum + 0.099], target: .vector([sum])) == true)
    #expect(task.correct(outputs: [sum + 0.101], target: .vector([sum])) == false)
  }
}
