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

    /// Relative error |a − n| / max(|a|, |n|). Central differences in Double carry a round-off of about
    /// 1e-16·L/ε ≈ 1e-10 whatever the entry's size, so entries below 1e-3 are held to that absolute
    /// floor (|a − n| < 1e-9) instead; `tensorRelErr` checks each whole tensor relatively as well.
    static func relErr(_ a: Double, _ n: Double) -> Double {
        abs(a - n) / max(abs(a), abs(n), 1e-3)
    }

    // ‖a − n‖ / max(‖a‖, ‖n‖)
    static func tensorRelErr(_ a: [Double], _ n: [Double]) -> Double {
        euclideanNorm(zip(a, n).map { $0 - $1 }) / max(euclideanNorm(a), euclideanNorm(n), 1e-300)
    }

    @Test(arguments: [Activation.tanh, .sigmoid], [false, true])
    func parameterGradientsMatchFiniteDifferences(act: Activation, dense: Bool) {
        let run = Self.makeRun(act, dense: dense, seed: 7)
        let result = backpropagate(run)
        for name in RNNParameters.names {
            let analytic = result.gradients[name]
            var numerics: [Double] = []
            for i in analytic.indices {
                let plus = Self.makeRun(act, dense: dense, seed: 7, perturb: (name, i, Self.eps)).totalLoss
                let minus = Self.makeRun(act, dense: dense, seed: 7, perturb: (name, i, -Self.eps)).totalLoss
                let numeric = (plus - minus) / (2 * Self.eps)
                numerics.append(numeric)
                #expect(Self.relErr(analytic[i], numeric) < 1e-6, "\(act) \(name)[\(i)]: analytic \(analytic[i]) numeric \(numeric)")
            }
            #expect(Self.tensorRelErr(analytic, numerics) < 1e-6, "\(act) \(name) as a whole")
        }
        // The check must have compared real, non-zero gradients.
        #expect(result.gradients["rnn.weight_hh_l0"].contains { abs($0) > 1e-3 })
    }

    @Test(arguments: [Activation.tanh, .sigmoid])
    func hiddenGradientsMatchFiniteDifferences(act: Activation) {
        let run = Self.makeRun(act, dense: false, seed: 11)
        let result = backpropagate(run)
        for t in 0..<run.steps.count {
            var numerics: [Double] = []
            defer { #expect(Self.tensorRelErr(result.hiddenGradients[t], numerics) < 1e-6, "∂L/∂h[\(t)]") }
            for u in 0..<4 {
                let plus = Self.makeRun(act, dense: false, seed: 11, nudge: (t, u, Self.eps)).totalLoss
                let minus = Self.makeRun(act, dense: false, seed: 11, nudge: (t, u, -Self.eps)).totalLoss
                let numeric = (plus - minus) / (2 * Self.eps)
                numerics.append(numeric)
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
            var numerics: [Double] = []
            defer { #expect(Self.tensorRelErr(result.lastLossHiddenGradients[t], numerics) < 1e-6, "∂L_last/∂h[\(t)]") }
            for u in 0..<4 {
                // L_last alone: the same run with only the last target kept.
                let plus = Self.makeRun(act, dense: true, seed: 5, nudge: (t, u, Self.eps), onlyLastTarget: true)
                let minus = Self.makeRun(act, dense: true, seed: 5, nudge: (t, u, -Self.eps), onlyLastTarget: true)
                let numeric = (plus.totalLoss - minus.totalLoss) / (2 * Self.eps)
                numerics.append(numeric)
                #expect(Self.relErr(result.lastLossHiddenGradients[t][u], numeric) < 1e-6, "∂L_last/∂h[\(t)][\(u)]")
            }
        }
    }
}
