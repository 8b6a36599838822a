import Foundation
import Testing

@testable import RNNCore

/// Optimizers against hand-computed updates, clipping, initialisations, task generators,
/// determinism, the NaN guard, and a short run whose loss falls.
struct TrainingTests {
  /// A one-parameter-per-tensor model is awkward; use a tiny RNN and check the update on every
  /// value.
  static let config = ModelConfig(cell: .rnn, inputSize: 1, hiddenSize: 1, outputSize: 1)

  static func params(_ v: Double) -> ModelParameters {
    var p = ModelParameters(zerosFor: config)
    p.apply { $0 = v }
    return p
  }

  @Test func sgdWithMomentumMatchesHandComputedSteps() {
    var opt = Optimizer(.sgd, learningRate: 0.1, momentum: 0.9)
    var p = Self.params(1)
    opt.step(&p, Self.params(2))  // buf = 2;           θ = 1 − 0.1·2 = 0.8
    #expect(p.flat.allSatisfy { abs($0 - 0.8) < 1e-15 })
    opt.step(&p, Self.params(1))  // buf = 0.9·2 + 1 = 2.8;  θ = 0.8 − 0.28 = 0.52
    #expect(p.flat.allSatisfy { abs($0 - 0.52) < 1e-15 })
  }

  @Test func adagradMatchesHandComputedSteps() {
    var opt = Optimizer(.adagrad, learningRate: 0.5)
    var p = Self.params(1)
    opt.step(&p, Self.params(2))  // Σ = 4;  θ = 1 − 0.5·2/(2 + 1e-10)
    #expect(p.flat.allSatisfy { abs($0 - (1 - 0.5 * 2 / (2 + 1e-10))) < 1e-15 })
    opt.step(&p, Self.params(1))  // Σ = 5;  θ −= 0.5·1/√5
    let expected = 1 - 0.5 * 2 / (2 + 1e-10) - 0.5 / (5.0.squareRoot() + 1e-10)
    #expect(p.flat.allSatisfy { abs($0 - expected) < 1e-15 })
  }

  @Test func rmspropMatchesHandComputedSteps() {
    var opt = Optimizer(.rmsprop, learningRate: 0.01)
    var p = Self.params(0)
    opt.step(&p, Self.params(3))  // v = 0.01·9 = 0.09;  θ = −0.01·3/(0.3 + 1e-8)
    #expect(p.flat.allSatisfy { abs($0 - -0.01 * 3 / (0.3 + 1e-8)) < 1e-15 })
  }

  @Test func adamMatchesHandComputedSteps() {
    var opt = Optimizer(.adam, learningRate: 0.001)
    var p = Self.params(1)
    opt.step(&p, Self.params(0.5))
    // t = 1: m = 0.05, v = 0.00025; m̂ = 0.5, v̂ = 0.25 → θ = 1 − 0.001·0.5/(0.5 + 1e-8)
    let e1 = 1 - 0.001 * 0.05 / 0.1 / ((0.00025).squareRoot() / (0.001).squareRoot() + 1e-8)
    #expect(p.flat.allSatisfy { abs($0 - e1) < 1e-15 })
    #expect(abs(e1 - (1 - 0.001 * 0.5 / (0.5 + 1e-8))) < 1e-15)
    opt.step(&p, Self.params(-1))
    // t = 2: m = 0.9·0.05 − 0.1 = −0.055; v = 0.999·0.00025 + 0.001 = 0.00124975
    let m = -0.055
    let v = 0.999 * 0.00025 + 0.001
    let e2 =
      e1 - (0.001 / (1 - 0.81)) * m / (v.squareRoot() / (1 - 0.999 * 0.999).squareRoot() + 1e-8)
    #expect(p.flat.allSatisfy { abs($0 - e2) < 1e-14 })
  }

  @Test func clippingByNormAndByValue() {
    var g = Self.params(3)  // 6 values of 3: ‖g‖ = 3√6
    let norm = Clipping.byNorm(&g, maxNorm: 1)
    #expect(abs(norm - 3 * 6.0.squareRoot()) < 1e-12)
    #expect(abs(g.globalNorm - 1) < 1e-6)
    var small = Self.params(0.01)
    Clipping.byNorm(&small, maxNorm: 1)  // below the threshold: unchanged
    #expect(small == Self.params(0.01))
    var v = Self.params(-7)
    Clipping.byValue(&v, limit: 5)
    #expect(v == Self.params(-5))
    // A tensor long enough for the eight-at-a-time path: every entry as min(max(x, −v), v), NaN
    // kept.
    var big = ModelParameters(zerosFor: ModelConfig(inputSize: 3, hiddenSize: 4, outputSize: 2))
    var raw: [Double] = []
    for i in 0..<big.layers[0].weightHH.data.count {
      raw.append(i == 5 ? Double.nan : Double(i % 7) * 3.0 - 9.0)
    }
    big.layers[0].weightHH.data = raw
    Clipping.byValue(&big, limit: 4.5)
    for (x, y) in zip(raw, big.layers[0].weightHH.data) {
      if x.isNaN { #expect(y.isNaN) } else { #expect(y == min(max(x, -4.5), 4.5)) }
    }
    #expect(big.layers[0].weightHH.data.contains(4.5) && big.layers[0].weightHH.data.contains(-4.5))
  }

  @Test func initialisationsHaveTheirDefiningProperties() {
    let c = ModelConfig(cell: .lstm, inputSize: 4, hiddenSize: 6, numLayers: 2, outputSize: 3)
    let orth = Initialization(scheme: .orthogonal).parameters(c, seed: 3)
    for k in 0..<2 {
      for gate in 0..<4 {
        let b = Spectral.block(orth.layers[k].weightHH, gate: gate, hidden: 6)
        // WᵀW = I
        for i in 0..<6 {
          for j in 0..<6 {
            var s = 0.0
            for r in 0..<6 { s += b[r, i] * b[r, j] }
            #expect(abs(s - (i == j ? 1 : 0)) < 1e-12)
          }
        }
      }
      #expect(orth.layers[k].biasIH.allSatisfy { $0 == 0 })
    }
    let irnn = Initialization(scheme: .identity).parameters(
      ModelConfig(inputSize: 2, hiddenSize: 3, outputSize: 2), seed: 1)
    #expect(irnn["rnn.weight_hh_l0"] == [1, 0, 0, 0, 1, 0, 0, 0, 1])
    #expect(irnn["rnn.weight_ih_l0"].allSatisfy { abs($0) < 0.01 })
    let fb = Initialization(forgetBias: 1).parameters(c, seed: 2)
    #expect(Array(fb.layers[1].biasIH[6..<12]) == [1, 1, 1, 1, 1, 1])
    #expect(Array(fb.layers[1].biasHH[6..<12]) == [0, 0, 0, 0, 0, 0])
    let scaled = Initialization(radius: 3).parameters(c, seed: 2)
    for k in 0..<2 {
      for gate in 0..<4 {
        #expect(
          abs(
            Spectral.figures(Spectral.block(scaled.layers[k].weightHH, gate: gate, hidden: 6))
              .radius - 3) < 1e-9)
      }
    }
    let xavier = Initialization(scheme: .xavier).parameters(c, seed: 2)
    #expect(xavier["rnn.weight_hh_l0"].allSatisfy { abs($0) <= (6.0 / 12).squareRoot() })
  }

  @Test(arguments: TaskKind.allCases)
  func taskGeneratorsHaveTheirShapesAndInvariants(_ kind: TaskKind) throws {
    let task = try SequenceTask(
      kind: kind, length: kind == .copy ? 4 : 30, delay: kind == .copy ? 7 : 6, alphabet: 5)
    var g = SeededGenerator(seed: 11)
    for _ in 0..<50 {
      let ex = task.example(&g)
      #expect(ex.inputs.count == ex.targets.count)
      for x in ex.inputs {
        switch x {
        case .token(let i): #expect(i >= 0 && i < task.inputSize)
        case .vector(let v): #expect(v.count == task.inputSize)
        }
      }
      for case let y? in ex.targets {
        switch y {
        case .index(let i):
          #expect(i >= 0 && i < task.outputSize)
          #expect(task.loss == .crossEntropy)
        case .vector(let v):
          #expect(v.count == task.outputSize)
          #expect(task.loss == .mse)
        }
      }
      switch kind {
      case .echo:
        for t in 0..<30 {
          if t < 6 {
            #expect(ex.targets[t] == nil)
          } else if case .token(let x) = ex.inputs[t - 6] {
            #expect(ex.targets[t] == .index(x))
          }
        }
      case .adding:
        let marked = ex.inputs.enumerated().filter {
          if case .vector(let v) = $0.element { return v[1] == 1 } else { return false }
        }
        #expect(marked.count == 2)
        #expect(marked[0].offset < 15 && marked[1].offset >= 15)
        let sum = marked.reduce(0.0) {
          if case .vector(let v) = $1.element { return $0 + v[0] } else { return $0 }
        }
        #expect(ex.targets.last! == .vector([sum]))
        #expect(ex.targets.dropLast().allSatisfy { $0 == nil })
      case .copy:
        #expect(ex.inputs.count == 4 + 7 + 4)
        #expect(ex.inputs[11] == .token(6))  // the cue K + 1
        for k in 0..<4 {
          if case .token(let s) = ex.inputs[k] { #expect(ex.targets[11 + k] == .index(s)) }
        }
        #expect(ex.targets[0..<11].allSatisfy { $0 == nil })
      case .parity:
        var p = 0
        for t in 0..<30 {
          if case .token(let b) = ex.inputs[t] { p ^= b }
          #expect(ex.targets[t] == .index(p))
        }
      case .sine:
        for t in 0..<29 {
          if case .vector(let next) = ex.inputs[t + 1] { #expect(ex.targets[t] == .vector(next)) }
        }
      case .text:
        for t in 0..<29 {
          if case .token(let next) = ex.inputs[t + 1] { #expect(ex.targets[t] == .index(next)) }
        }
      case .flipflop:
        // y_t holds each channel's last pulse (0 before the first).
        var held = [Double](repeating: 0, count: task.bits)
        for t in 0..<30 {
          if case .vector(let x) = ex.inputs[t] {
            for k in x.indices where x[k] != 0 { held[k] = x[k] }
          }
          #expect(ex.targets[t] == .vector(held))
        }
      case .integrator:
        // y_t = x_1 + … + x_t.
        var sum = 0.0
        for t in 0..<30 {
          if case .vector(let x) = ex.inputs[t] { sum += x[0] }
          #expect(ex.targets[t] == .vector([sum]))
        }
      }
    }
  }

  /// `correct` reads a slice of a batch's outputs from the slice's start, as `Trainer.score` passes
  /// them (row t·B + b of a longer array), and judges it as it judges the same values alone.
  @Test func correctReadsASliceFromItsStart() throws {
    let text = try SequenceTask(kind: .text, length: 3, text: "abcabcab")
    let outputs: [Double] = [9, 0, 1, 5, 2, 7]
    let slice = outputs[1..<5]  // 0, 1, 5, 2: the argmax is the slice's third output
    #expect(text.correct(outputs: slice, target: .index(2)) == true)
    #expect(text.correct(outputs: slice, target: .index(3)) == false)
    #expect(text.correct(outputs: Array(slice), target: .index(2)) == true)
    let adding = try SequenceTask(kind: .adding, length: 10)
    let sums: [Double] = [5, 1.03, 5]
    #expect(adding.correct(outputs: sums[1..<2], target: .vector([1])) == true)
    #expect(adding.correct(outputs: sums[0..<1], target: .vector([1])) == false)
  }

  @Test func badTaskOptionsAreRefused() {
    #expect(throws: SequenceTask.Invalid.self) {
      try SequenceTask(kind: .echo, length: 5, delay: 5)
    }
    #expect(throws: SequenceTask.Invalid.self) { try SequenceTask(kind: .echo, alphabet: 1) }
    #expect(throws: SequenceTask.Invalid.self) {
      try SequenceTask(kind: .text, length: 50, text: "short")
    }
    #expect(throws: SequenceTask.Invalid.self) {
      try SequenceTask(kind: .text, length: 3, text: "aaaaaaaa")
    }
    #expect(throws: SequenceTask.Invalid.self) { try SequenceTask(kind: .parity, length: 0) }
  }

  static func trainer(_ cell: CellKind = .gru, seed: UInt64 = 1, steps: Int = 60) throws -> Trainer
  {
    var c = TrainConfig()
    c.cell = cell
    c.hidden = 12
    c.batch = 8
    c.steps = steps
    c.seed = seed
    c.learningRate = 0.01
    return Trainer(
      task: try SequenceTask(kind: .echo, length: 12, delay: 2, alphabet: 4), config: c)
  }

  @Test func sameSeedSameNumbers() throws {
    var a = try Self.trainer()
    var b = try Self.trainer()
    var c = try Self.trainer(seed: 2)
    var la: [Double] = []
    var lb: [Double] = []
    var lc: [Double] = []
    for _ in 0..<5 {
      la.append(try a.trainStep().loss)
      lb.append(try b.trainStep().loss)
      lc.append(try c.trainStep().loss)
    }
    #expect(la == lb)
    #expect(a.model == b.model)
    #expect(la != lc)
  }

  @Test(arguments: [CellKind.rnn, .lstm, .gru])
  func aShortRunLowersTheLoss(_ cell: CellKind) throws {
    var t = try Self.trainer(cell, steps: 150)
    let held = Trainer.heldOut(t.task, count: 64, seed: 1)
    let before = t.evaluate(held).loss
    for _ in 0..<150 { try t.trainStep() }
    let after = t.evaluate(held)
    #expect(after.loss < 0.8 * before, "\(cell): \(before) → \(after.loss)")
    #expect(after.accuracy! > 0.4, "\(cell): accuracy \(after.accuracy!) (chance 0.25)")
  }

  /// On a regression task, held-out mse is Σ‖o − y‖² over every target / the targets, from outputs
  /// the tape computes step by step (two sequence lengths, so two matrix batches), and the loss
  /// half of it (L = ½‖o − y‖²); no accuracy.
  @Test func evaluateMeasuresMeanSquaredErrorOnRegression() throws {
    var c = TrainConfig()
    c.cell = .lstm
    c.hidden = 6
    let t = Trainer(task: try SequenceTask(kind: .sine, length: 9), config: c)
    var g = SeededGenerator(seed: 4)
    let short = try SequenceTask(kind: .sine, length: 5)
    let examples = (0..<3).map { _ in t.task.example(&g) } + (0..<2).map { _ in short.example(&g) }
    var se = 0.0
    var n = 0
    for ex in examples {
      var pass = ForwardPass(model: t.model, loss: .mse)
      for (x, y) in zip(ex.inputs, ex.targets) {
        let o = pass.step(x, target: y).outputs
        guard case .vector(let v)? = y else { continue }
        n += 1
        for (oi, vi) in zip(o, v) { se += (oi - vi) * (oi - vi) }
      }
    }
    let e = t.evaluate(examples)
    let mse = try #require(e.mse)
    #expect(n == 3 * 9 + 2 * 5 && se > 0)
    #expect(abs(mse - se / Double(n)) <= 1e-12 * mse)
    #expect(abs(e.loss - se / Double(n) / 2) <= 1e-12 * e.loss)
    #expect(e.accuracy == nil)
  }

  @Test func theNaNGuardStopsAndRestoresTheWeights() throws {
    // A learning rate so large the weights reach ~1e307 at once; the next steps overflow to ±Inf.
    var c = TrainConfig()
    c.cell = .rnn
    c.hidden = 8
    c.batch = 4
    c.optimizer = .sgd
    c.learningRate = 1e308
    var t = Trainer(task: try SequenceTask(kind: .sine, length: 10), config: c)
    var fault: TrainingFault? = nil
    var lastGood = t.model
    for _ in 0..<10 {
      lastGood = t.model
      do { try t.trainStep() } catch let f as TrainingFault {
        fault = f
        break
      }
    }
    let f = try #require(fault, "no fault raised")
    #expect(f.description.hasPrefix("step \(f.step): "))
    #expect(f.description.contains("restored to step \(f.step - 1)"))
    #expect(
      ["the loss", "the gradient norm"].contains(f.quantity) || f.quantity.hasPrefix("parameter "))
    #expect(t.model == lastGood, "the weights are those before the failing step")
    #expect(t.model.parameters.firstNonFinite == nil)
  }

  @Test func explodingRadiusDivergesWithoutClippingAndNotWithIt() throws {
    func run(clip: Double) throws -> Bool {
      var c = TrainConfig()
      c.cell = .rnn
      c.hidden = 16
      c.batch = 4
      c.optimizer = .sgd
      c.learningRate = 0.5
      c.clipNorm = clip
      c.activation = .relu
      c.initialization = Initialization(radius: 3)
      var t = Trainer(task: try SequenceTask(kind: .sine, length: 120), config: c)
      do { for _ in 0..<30 { try t.trainStep() } } catch is TrainingFault { return true }
      return false
    }
    #expect(try run(clip: 0))
    #expect(try !run(clip: 1))
  }

  @Test func samplingIsSeededAndUsesTheVocabulary() throws {
    let task = try SequenceTask(kind: .text, length: 10)
    let v = task.vocabulary!
    let m = Model(
      config: ModelConfig(inputSize: v.count, hiddenSize: 8, outputSize: v.count), seed: 1)
    let a = sampleText(model: m, vocabulary: v, prime: "Alice", length: 40, temperature: 1, seed: 3)
    #expect(
      a == sampleText(model: m, vocabulary: v, prime: "Alice", length: 40, temperature: 1, seed: 3))
    #expect(a.count == 40)
    #expect(a.allSatisfy { v.token($0) != nil })
    // Temperature → 0 is greedy: the same character every time from the same state.
    let cold1 = sampleText(
      model: m, vocabulary: v, prime: "Alice", length: 5, temperature: 1e-9, seed: 1)
    let cold2 = sampleText(
      model: m, vocabulary: v, prime: "Alice", length: 5, temperature: 1e-9, seed: 99)
    #expect(cold1 == cold2)
  }
}

@Suite struct ResourceEstimateTests {
  @Test func estimatesByHandAndRefusals() {
    // RNN, input 2, hidden 3, 1 layer, output 2: weights 3·(2 + 3 + 2) + 2·(3 + 1) = 29 values, six
    // copies; per step 3 (pre, which dZ overwrites) + 4·3 (h, c, tanh c) + 2·2 (x, dx)
    // + 2·2 (o, do) + 3 (dh) + 1 (loss) = 27 values, for 10 steps × 4 sequences.
    let b = ResourceEstimate.bytes(
      cell: .rnn, input: 2, hidden: 3, layers: 1, output: 2, steps: 10, sequences: 4)
    #expect(b == 6 * 8 * 29 + 8 * 27 * 10 * 4)
    // The workspace part is what the batch kernel's workspace is sized by.
    let c = ModelConfig(cell: .gru, inputSize: 5, hiddenSize: 7, numLayers: 2, outputSize: 3)
    let perSequence =
      ResourceEstimate.bytes(
        cell: .gru, input: 5, hidden: 7, layers: 2, output: 3, steps: 9, sequences: 1)
      - ResourceEstimate.bytes(
        cell: .gru, input: 5, hidden: 7, layers: 2, output: 3, steps: 0, sequences: 0)
    #expect(perSequence == BatchBPTT.bytesPerSequence(c, steps: 9))
    #expect(ResourceEstimate.describe(8e9) == "about 8 GB")
    #expect(ResourceEstimate.describe(3.24e18) == "about 3.2 EB")
    #expect(ResourceEstimate.describe(512) == "about 512 bytes")
    #expect(ResourceEstimate.refusal(7e9) == nil)
    #expect(
      ResourceEstimate.refusal(1.2e10) == "this would need about 12 GB of memory; the limit is 8 GB"
    )
  }
}
