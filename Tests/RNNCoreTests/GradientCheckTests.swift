import Testing
@testable import RNNCore

/// Central finite differences in Double against the analytic BPTT gradients.
struct GradientCheckTests {
    static let eps = 1e-5

    /// A small random model and sequence: tokens (one-hot) or dense inputs, a target at most steps.
    static func makeRun(_ act: Activation, dense: Bool, seed: UInt64, perturb: (String, Int, Double)? = nil,
                        nudge: (Int, Int, Double)? = nil, onlyLastTarget: Bool = false) -> SequenceRun {
        let config = RNNConfig(inputSize: 5, hiddenSize: 4, outputSize: 5, activation: act)
        var params = RNNParameters.pytorchDefault(config, seed: seed)
        // Scale weights up so the gradients are not all tiny and activations leave the linear region.
        for n in RNNParameters.names { params[n] = params[n].map { $0 * 2.5 } }
        if let (name, i, d) = perturb { params[name][i] += d }
        var g = SeededGenerator(seed: seed &+ 99)
        var run = SequenceRun(model: RNNModel(config: config, parameters: params))
        let T = 7
        var targets: [Int?] = (0..<T).map { t in t == 2 ? nil : Int(g.next() % 5) }
        if onlyLastTarget { targets = targets.indices.map { $0 == T - 1 ? targets[T - 1] : nil } }
        for t in 0..<T {
            let input: StepInput = dense
                ? .vector((0..<5).map { _ in g.uniform(-1, 1) })
                : .token(Int(g.next() % 5))
            var n: [Double]? = nil
            if let (nt, unit, d) = nudge, nt == t {
                n = [Double](repeating: 0, count: 4); n![unit] = d
            }
            run.step(input, target: targets[t], nudge: n)
        }
        return run
    }

    static func relErr(_ a: Double, _ n: Double) -> Double {
        let scale = max(abs(a), abs(n))
        return scale < 1e-9 ? abs(a - n) : abs(a - n) / scale
    }

    @Test(arguments: [Activation.tanh, .sigmoid], [false, true])
    func parameterGradientsMatchFiniteDifferences(act: Activation, dense: Bool) {
        let run = Self.makeRun(act, dense: dense, seed: 7)
        let result = backpropagate(run)
        var worst = 0.0
        for name in RNNParameters.names {
            let analytic = result.gradients[name]
            for i in analytic.indices {
                let plus = Self.makeRun(act, dense: dense, seed: 7, perturb: (name, i, Self.eps)).totalLoss
                let minus = Self.makeRun(act, dense: dense, seed: 7, perturb: (name, i, -Self.eps)).totalLoss
                let numeric = (plus - minus) / (2 * Self.eps)
                let e = Self.relErr(analytic[i], numeric)
                worst = max(worst, e)
                #expect(e < 1e-6, "\(act) \(name)[\(i)]: analytic \(analytic[i]) numeric \(numeric)")
            }
        }
        // The check must have compared real, non-zero gradients.
        #expect(result.gradients["rnn.weight_hh_l0"].contains { abs($0) > 1e-3 })
    }

    @Test(arguments: [Activation.tanh, .sigmoid])
    func hiddenGradientsMatchFiniteDifferences(act: Activation) {
        let run = Self.makeRun(act, dense: false, seed: 11)
        let result = backpropagate(run)
        for t in 0..<run.steps.count {
            for u in 0..<4 {
                let plus = Self.makeRun(act, dense: false, seed: 11, nudge: (t, u, Self.eps)).totalLoss
                let minus = Self.makeRun(act, dense: false, seed: 11, nudge: (t, u, -Self.eps)).totalLoss
                let numeric = (plus - minus) / (2 * Self.eps)
                #expect(Self.relErr(result.hiddenGradients[t][u], numeric) < 1e-6, "∂L/∂h[\(t)][\(u)]")
            }
        }
    }

    @Test(arguments: [Activation.tanh, .sigmoid])
    func lastLossHiddenGradientsMatchFiniteDifferences(act: Activation) {
        let run = Self.makeRun(act, dense: true, seed: 5)
        let result = backpropagate(run)
        #expect(result.lastLossStep == run.steps.count - 1)
        for t in 0..<run.steps.count {
            for u in 0..<4 {
                // L_last alone: the same run with only the last target kept.
                let plus = Self.makeRun(act, dense: true, seed: 5, nudge: (t, u, Self.eps), onlyLastTarget: true)
                let minus = Self.makeRun(act, dense: true, seed: 5, nudge: (t, u, -Self.eps), onlyLastTarget: true)
                let numeric = (plus.totalLoss - minus.totalLoss) / (2 * Self.eps)
                #expect(Self.relErr(result.lastLossHiddenGradients[t][u], numeric) < 1e-6, "∂L_last/∂h[\(t)][\(u)]")
            }
        }
    }
}
