import Foundation
import Testing
@testable import RNNCore

struct EngineTests {
    @Test func forwardMatchesHandComputedStep() {
        // I = 2, H = 2, O = 2, tanh; hand-derived: a = W_ih x + b_ih + W_hh h0 + b_hh with h0 = 0.
        let c = RNNConfig(inputSize: 2, hiddenSize: 2, outputSize: 2, activation: .tanh)
        var p = RNNParameters(zerosFor: c)
        p.weightIH = Matrix(rows: 2, cols: 2, data: [0.5, -1, 2, 0.25])
        p.weightHH = Matrix(rows: 2, cols: 2, data: [1, 0, 0, 1])
        p.biasIH = [0.1, 0]; p.biasHH = [0, -0.2]
        p.fcWeight = Matrix(rows: 2, cols: 2, data: [1, 0, 0, 1]); p.fcBias = [0, 0]
        var run = SequenceRun(model: RNNModel(config: c, parameters: p))
        let r1 = run.step(.token(1), target: 0)
        #expect(r1.preActivation == [-1 + 0.1, 0.25 - 0.2])
        #expect(abs(r1.hidden[0] - tanh(-0.9)) < 1e-15)
        // Second step feeds h1 back through the identity W_hh.
        let r2 = run.step(.vector([1, 0]), target: 1)
        #expect(abs(r2.preActivation[0] - (0.5 + 0.1 + tanh(-0.9))) < 1e-15)
        #expect(abs(r2.preActivation[1] - (2 - 0.2 + tanh(0.05))) < 1e-15)
        let p2 = r2.probabilities
        #expect(abs(r2.loss! - -log(p2[1])) < 1e-12)
        #expect(abs(p2.reduce(0, +) - 1) < 1e-15)
    }

    @Test func sigmoidDerivativeIsAQuarterOfTanhAtZero() {
        #expect(Activation.tanh.derivative(0) == 1)
        #expect(Activation.sigmoid.derivative(0) == 0.25)
        #expect(Activation.sigmoid.derivativeBound == 0.25)
    }

    @Test func pytorchDefaultInitIsSeededAndBounded() {
        let c = RNNConfig(inputSize: 10, hiddenSize: 16, outputSize: 10)
        let a = RNNParameters.pytorchDefault(c, seed: 42), b = RNNParameters.pytorchDefault(c, seed: 42)
        let d = RNNParameters.pytorchDefault(c, seed: 43)
        #expect(a == b)
        #expect(a != d)
        for n in RNNParameters.names {
            #expect(a[n].allSatisfy { abs($0) <= 0.25 }, "\(n) within ±1/√16")
        }
        #expect(a.shape(of: "rnn.weight_ih_l0") == [16, 10])
        #expect(a.shape(of: "rnn.weight_hh_l0") == [16, 16])
        #expect(a.shape(of: "fc.weight") == [10, 16])
        // Uniform: the spread is near ±0.25, not clustered.
        let w = a["rnn.weight_hh_l0"]
        #expect(w.max()! > 0.2 && w.min()! < -0.2)
    }

    @Test func normIsExactForTinyAndHugeEntries() {
        #expect(abs(euclideanNorm([3e-200, 4e-200]) / 5e-200 - 1) < 1e-15)
        #expect(abs(euclideanNorm([3e200, 4e200]) / 5e200 - 1) < 1e-15)
        #expect(abs(euclideanNorm([1e-310, 0]) / 1e-310 - 1) < 1e-6)   // subnormal, still not 0
        #expect(euclideanNorm([0, 0]) == 0)
        #expect(euclideanNorm([1, .nan]).isNaN)
    }

    /// The teaching claim: over 150 steps a sigmoid RNN's end-loss gradient decays to ~1e-140, and the
    /// engine must still report it (not 0), and far below the tanh RNN's with the same weights.
    @Test func sigmoidGradientDecaysFarFasterThanTanhAndStaysNonZero() {
        let text = String(repeating: demoText, count: 3)
        let vocab = CharVocabulary(text: text)
        let tokens = vocab.encode(text)
        func lastNorms(_ act: Activation) -> [Double] {
            let c = RNNConfig(inputSize: vocab.count, hiddenSize: 16, outputSize: vocab.count, activation: act)
            var run = SequenceRun(model: RNNModel(config: c, seed: 1))
            for t in 0..<150 { run.step(.token(tokens[t]), target: tokens[t + 1]) }
            return backpropagate(run).lastLossHiddenGradNorms
        }
        let sig = lastNorms(.sigmoid), tanhN = lastNorms(.tanh)
        #expect(sig[0] > 0, "the first step's gradient must not flush to zero")
        #expect(sig[0] < 1e-60)
        #expect(sig[0] < tanhN[0] * 1e-30)
        // Monotone-ish decay: the last step's gradient dwarfs the first's.
        #expect(sig[149] / sig[0] > 1e50)
    }

    @Test func generatorIsDeterministic() {
        var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
        var u = SeededGenerator(seed: 9)
        for _ in 0..<1000 { let x = u.uniform(-2, 3); #expect(x >= -2 && x < 3) }
    }
}
