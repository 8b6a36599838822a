import Foundation
import Testing

@testable import RNNCore

struct EngineTests {
  static func rnnConfig(_ act: Activation = .tanh, i: Int = 2, h: Int = 2, o: Int = 2)
    -> ModelConfig
  {
    ModelConfig(cell: .rnn, activation: act, inputSize: i, hiddenSize: h, outputSize: o)
  }

  @Test func forwardMatchesHandComputedStep() {
    // I = 2, H = 2, O = 2, tanh; hand-derived: a = W_ih x + b_ih + W_hh h0 + b_hh with h0 = 0.
    let c = Self.rnnConfig()
    var p = ModelParameters(zerosFor: c)
    p["rnn.weight_ih_l0"] = [0.5, -1, 2, 0.25]
    p["rnn.weight_hh_l0"] = [1, 0, 0, 1]
    p["rnn.bias_ih_l0"] = [0.1, 0]
    p["rnn.bias_hh_l0"] = [0, -0.2]
    p["fc.weight"] = [1, 0, 0, 1]
    var run = ForwardPass(model: Model(config: c, parameters: p))
    let r1 = run.step(.token(1), target: .index(0))
    #expect(r1.layers[0].preActivation == [-1 + 0.1, 0.25 - 0.2])
    #expect(abs(r1.hidden[0][0] - tanh(-0.9)) < 1e-15)
    // Second step feeds h1 back through the identity W_hh.
    let r2 = run.step(.vector([1, 0]), target: .index(1))
    #expect(abs(r2.layers[0].preActivation[0] - (0.5 + 0.1 + tanh(-0.9))) < 1e-15)
    #expect(abs(r2.layers[0].preActivation[1] - (2 - 0.2 + tanh(0.05))) < 1e-15)
    #expect(abs(r2.loss! - -log(r2.probabilities[1])) < 1e-12)
    #expect(abs(r2.probabilities.reduce(0, +) - 1) < 1e-15)
  }

  @Test func gruWithUpdateGateSaturatedCopiesTheState() {
    let c = ModelConfig(cell: .gru, inputSize: 3, hiddenSize: 4, outputSize: 2)
    var p = ModelParameters.pytorchDefault(c, seed: 3)
    // z = σ(large) = 1 exactly in Double: h_t = (1 − z) n + z h_{t−1} = h_{t−1}.
    var b = p["rnn.bias_ih_l0"]
    for j in 4..<8 { b[j] = 800 }
    p["rnn.bias_ih_l0"] = b
    let h0: [[Double]] = [[0.3, -0.2, 0.9, -0.7]]
    var pass = ForwardPass(model: Model(config: c, parameters: p), initialHidden: h0)
    for t in 0..<5 { pass.step(.vector([Double(t), -1, 0.5]), target: .index(t % 2)) }
    for s in pass.steps { #expect(s.hidden[0] == h0[0]) }
    // And the gradient of the last loss reaches h_1 undiminished: ∂h_t/∂h_{t−1} = I.
    let r = backpropagate(pass)
    #expect(abs(r.lastLossHiddenGradNorms[0][0] - r.lastLossHiddenGradNorms[0][4]) < 1e-15)
  }

  @Test func lstmWithForgetOneInputZeroKeepsTheCell() {
    let c = ModelConfig(cell: .lstm, inputSize: 2, hiddenSize: 3, outputSize: 2)
    var p = ModelParameters.pytorchDefault(c, seed: 4)
    var b = p["rnn.bias_ih_l0"]
    for j in 0..<3 { b[j] = -800 }  // i = σ(−800) = 0
    for j in 3..<6 { b[j] = 800 }  // f = σ(800) = 1
    p["rnn.bias_ih_l0"] = b
    let c0: [[Double]] = [[0.5, -1.5, 2.0]]
    var pass = ForwardPass(model: Model(config: c, parameters: p), initialCell: c0)
    for t in 0..<6 { pass.step(.vector([Double(t), 1]), target: .index(t % 2)) }
    for s in pass.steps {
      #expect(s.cell[0] == c0[0])
      // h = σ(o) ⊙ tanh(c): |h| ≤ |tanh(c)|
      for j in 0..<3 { #expect(abs(s.hidden[0][j]) <= abs(tanh(c0[0][j])) + 1e-15) }
    }
  }

  @Test func maskedStepsKeepTheStateAndAddNoLoss() {
    let c = ModelConfig(cell: .lstm, inputSize: 2, hiddenSize: 3, numLayers: 2, outputSize: 2)
    var pass = ForwardPass(model: Model(config: c, seed: 5))
    pass.step(.vector([1, 2]), target: .index(0))
    let before = pass.hidden
    let beforeC = pass.cell
    let padded = pass.step(.vector([9, 9]), target: .index(1), active: false)
    #expect(padded.hidden == before && padded.cell == beforeC)
    #expect(padded.loss == nil)
    #expect(pass.totalLoss == pass.steps[0].loss!)
  }

  @Test func sigmoidDerivativeIsAQuarterOfTanhAtZero() {
    #expect(Activation.tanh.derivative(0) == 1)
    #expect(Activation.sigmoid.derivative(0) == 0.25)
    #expect(Activation.sigmoid.derivativeBound == 0.25)
  }

  @Test func pytorchDefaultInitIsSeededBoundedAndNamedAsPyTorch() {
    let c = ModelConfig(
      cell: .lstm, inputSize: 10, hiddenSize: 16, numLayers: 2, outputSize: 7, embeddingCount: 30)
    let a = ModelParameters.pytorchDefault(c, seed: 42)
    let b = ModelParameters.pytorchDefault(c, seed: 42)
    #expect(a == b)
    #expect(a != ModelParameters.pytorchDefault(c, seed: 43))
    #expect(
      a.names == [
        "embedding.weight",
        "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
        "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1",
        "fc.weight", "fc.bias",
      ])
    for n in a.names where n != "embedding.weight" {
      #expect(a[n].allSatisfy { abs($0) <= 0.25 }, "\(n) within ±1/√16")
    }
    #expect(a.shape(of: "rnn.weight_ih_l0") == [64, 10])
    #expect(a.shape(of: "rnn.weight_ih_l1") == [64, 16])
    #expect(a.shape(of: "rnn.weight_hh_l1") == [64, 16])
    #expect(a.shape(of: "fc.weight") == [7, 16])
    #expect(a.shape(of: "embedding.weight") == [30, 10])
    #expect(a.shape(of: "rnn.weight_hh_l2") == nil)
    let w = a["rnn.weight_hh_l0"]
    #expect(w.max()! > 0.2 && w.min()! < -0.2)
    // The embedding is N(0, 1): mean near 0, variance near 1 over 300 draws.
    let e = a["embedding.weight"]
    let mean = e.reduce(0, +) / Double(e.count)
    let variance = e.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(e.count)
    #expect(abs(mean) < 0.2 && abs(variance - 1) < 0.3)
  }

  @Test func normIsExactForTinyAndHugeEntries() {
    #expect(abs(euclideanNorm([3e-200, 4e-200]) / 5e-200 - 1) < 1e-15)
    #expect(abs(euclideanNorm([3e200, 4e200]) / 5e200 - 1) < 1e-15)
    #expect(abs(euclideanNorm([1e-310, 0]) / 1e-310 - 1) < 1e-6)  // subnormal, still not 0
    #expect(euclideanNorm([0, 0]) == 0)
    #expect(euclideanNorm([1, .nan]).isNaN)
  }

  /// Over 150 steps a sigmoid RNN's end-loss gradient decays to ~1e-140: the engine must still
  /// report it (not 0), and far below the tanh RNN's with the same weights.
  @Test func sigmoidGradientDecaysFarFasterThanTanhAndStaysNonZero() {
    let text = String(repeating: demoText, count: 3)
    let vocab = CharVocabulary(text: text)
    let tokens = vocab.encode(text)
    func lastNorms(_ act: Activation) -> [Double] {
      let c = Self.rnnConfig(act, i: vocab.count, h: 16, o: vocab.count)
      var run = ForwardPass(model: Model(config: c, seed: 1))
      for t in 0..<150 { run.step(.token(tokens[t]), target: .index(tokens[t + 1])) }
      return backpropagate(run).lastLossHiddenGradNorms[0]
    }
    let sig = lastNorms(.sigmoid)
    let tanhN = lastNorms(.tanh)
    #expect(sig[0] > 0, "the first step's gradient must not flush to zero")
    #expect(sig[0] < 1e-60)
    #expect(sig[0] < tanhN[0] * 1e-30)
    #expect(sig[149] / sig[0] > 1e50)
  }

  @Test func spectralFiguresOfKnownMatrices() {
    // A rotation by 90° scaled by 2: eigenvalues ±2i, all singular values 2.
    let rot = Spectral.figures(Matrix(rows: 2, cols: 2, data: [0, -2, 2, 0]))
    #expect(abs(rot.radius - 2) < 1e-12 && abs(rot.sigmaMax - 2) < 1e-12)
    // A shear: eigenvalues 1, 1; σ_max = golden ratio.
    let shear = Spectral.figures(Matrix(rows: 2, cols: 2, data: [1, 1, 0, 1]))
    #expect(abs(shear.radius - 1) < 1e-7)
    #expect(abs(shear.sigmaMax - (1 + 5.0.squareRoot()) / 2) < 1e-12)
    // Non-symmetric: eigenvalues of [[2, 0], [5, -3]] are 2 and −3; singular values from AᵀA.
    let eig = Spectral.eigenvalues(Matrix(rows: 2, cols: 2, data: [2, 0, 5, -3]))!.map(\.re)
      .sorted()
    #expect(abs(eig[0] + 3) < 1e-12 && abs(eig[1] - 2) < 1e-12)
    let sv = Spectral.singularValues(Matrix(rows: 2, cols: 3, data: [3, 0, 0, 0, 4, 0]))!
    #expect(abs(sv[0] - 4) < 1e-12 && abs(sv[1] - 3) < 1e-12)
    #expect(Spectral.figures(Matrix(rows: 1, cols: 1, data: [.nan])).radius.isNaN)
  }

  @Test func spectralReportHasOneEntryPerGateBlock() {
    let c = ModelConfig(cell: .lstm, inputSize: 3, hiddenSize: 5, numLayers: 2, outputSize: 2)
    var m = Model(config: c, seed: 1)
    // Make the forget block (rows 5…9) 3·I: radius 3 exactly.
    var w = m.parameters["rnn.weight_hh_l1"]
    for r in 5..<10 { for col in 0..<5 { w[r * 5 + col] = r - 5 == col ? 3 : 0 } }
    m.parameters["rnn.weight_hh_l1"] = w
    let report = Spectral.report(m)
    #expect(report.map(\.name) == ["rnn.weight_hh_l0", "rnn.weight_hh_l1"])
    #expect(report[1].blocks.count == 4)
    #expect(abs(report[1].blocks[1].radius - 3) < 1e-12)
    #expect(abs(report[1].blocks[1].sigmaMax - 3) < 1e-12)
  }

  @Test func generatorIsDeterministic() {
    var a = SeededGenerator(seed: 3)
    var b = SeededGenerator(seed: 3)
    for _ in 0..<100 { #expect(a.next() == b.next()) }
    var u = SeededGenerator(seed: 9)
    for _ in 0..<1000 {
      let x = u.uniform(-2, 3)
      #expect(x >= -2 && x < 3)
    }
  }
}

/// A forward pass with a window forgets its oldest steps in blocks and keeps exact state.
@Suite struct TapeWindowTests {
  @Test func aWindowedPassKeepsTheLatestStepsAndTheSameNumbers() {
    let c = ModelConfig(cell: .lstm, inputSize: 4, hiddenSize: 6, numLayers: 2, outputSize: 4)
    let model = Model(config: c, seed: 4)
    var full = ForwardPass(model: model)
    var windowed = ForwardPass(model: model)
    windowed.window = 10
    let n = 137
    for t in 0..<n {
      full.step(.token(t % 4), target: .index((t * 7) % 4))
      windowed.step(.token(t % 4), target: .index((t * 7) % 4))
      #expect(windowed.steps.count < 20)
      #expect(windowed.stepCount == t + 1)
    }
    #expect(windowed.forgotten > 100 && windowed.forgotten + windowed.steps.count == n)
    // The kept steps are exactly the full pass's last steps.
    #expect(Array(full.steps.suffix(windowed.steps.count)) == windowed.steps)
    #expect(windowed.hidden == full.hidden && windowed.cell == full.cell)
    #expect(windowed.initialHidden == full.steps[windowed.forgotten - 1].hidden)
    // BPTT over the window = BPTT of a pass that starts from the window's first state.
    var fresh = ForwardPass(
      model: model, initialHidden: windowed.initialHidden, initialCell: windowed.initialCell)
    for t in windowed.forgotten..<n { fresh.step(.token(t % 4), target: .index((t * 7) % 4)) }
    let a = backpropagate(windowed)
    let b = backpropagate(fresh)
    #expect(a.gradients == b.gradients)
    #expect(a.hiddenGradNorms == b.hiddenGradNorms)
  }
}
