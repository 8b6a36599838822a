import Foundation
import Testing

@testable import RNNCore

/// The batched kernel (sequences as matrices, GEMMs over steps and batch) against the tape engine
/// that the gradient checks and the PyTorch golden files pin down, and against finite differences
/// of its own loss.
@Suite struct BatchBPTTTests {
  enum InputKind: CaseIterable { case oneHot, embedding, dense }

  struct Case: CustomStringConvertible, Sendable {
    var cell: CellKind, act: Activation = .tanh, layers: Int, input: InputKind, loss: LossKind,
      batch: Int, steps: Int
    /// Inputs and hidden units wider than `BatchKernel.narrow`: projections and dW_ih through BLAS
    /// rather than the few-inputs loops.
    var wide = false
    var description: String {
      "\(cell)/\(act) L\(layers) \(input) \(loss) B\(batch) T\(steps)\(wide ? " wide" : "")"
    }
  }

  static let cases: [Case] = {
    var out: [Case] = []
    for cell in CellKind.allCases {
      let acts: [Activation] = cell == .rnn ? Activation.allCases : [.tanh]
      for act in acts {
        for input in InputKind.allCases {
          out.append(
            Case(
              cell: cell, act: act, layers: input == .dense ? 2 : 1, input: input,
              loss: input == .dense ? .mse : .crossEntropy, batch: 3, steps: 7))
        }
      }
      out.append(
        Case(cell: cell, layers: 3, input: .oneHot, loss: .crossEntropy, batch: 1, steps: 1))
      out.append(
        Case(cell: cell, layers: 2, input: .embedding, loss: .crossEntropy, batch: 5, steps: 4))
      out.append(
        Case(
          cell: cell, layers: 2, input: .dense, loss: .mse, batch: 4, steps: 6, wide: true))
    }
    return out
  }()

  static func setup(_ k: Case, seed: UInt64) -> (Model, [Example]) {
    let vocab = 6
    let inSize = k.input == .embedding ? 4 : (k.input == .oneHot ? vocab : (k.wide ? 11 : 5))
    let out = k.loss == .crossEntropy ? vocab : 3
    let c = ModelConfig(
      cell: k.cell, activation: k.act, inputSize: inSize, hiddenSize: k.wide ? 10 : 5,
      numLayers: k.layers,
      outputSize: out, embeddingCount: k.input == .embedding ? vocab : nil)
    var model = Model(config: c, seed: seed)
    // Larger weights than the default so that every nonlinearity leaves its linear range.
    model.parameters.apply { $0 *= 2.5 }
    var g = SeededGenerator(seed: seed + 100)
    let batch: [Example] = (0..<k.batch).map { _ in
      let inputs: [StepInput] = (0..<k.steps).map { _ in
        k.input == .dense
          ? .vector((0..<inSize).map { _ in g.uniform(-1, 1) })
          : .token(Int(g.next() % UInt64(vocab)))
      }
      // Some steps have no target.
      let targets: [Target?] = (0..<k.steps).map { t in
        if t % 3 == 1 { return nil }
        return k.loss == .crossEntropy
          ? .index(Int(g.next() % UInt64(out))) : .vector((0..<out).map { _ in g.uniform(-1, 1) })
      }
      return Example(inputs: inputs, targets: targets)
    }
    return (model, batch)
  }

  static func maxRelativeDifference(_ a: ModelParameters, _ b: ModelParameters) -> Double {
    var worst = 0.0
    for name in a.names {
      for (x, y) in zip(a[name], b[name]) {
        worst = max(worst, abs(x - y) / max(1e-8, abs(x) + abs(y)))
      }
    }
    return worst
  }

  @Test(arguments: cases)
  func matchesTheTapeEngine(_ k: Case) {
    let (model, batch) = Self.setup(k, seed: 3)
    var tapeGrads = ModelParameters(zerosFor: model.config)
    var tapeLoss = 0.0
    var tapeTargets = 0
    var tapeOutputs: [[[Double]]] = []
    var tapeNorms = [Double](repeating: 0, count: k.steps)
    // How far the tape took each nonlinearity from its linear range: the least φ' / max φ' met
    // (relu: which sides of the kink were met).
    var leastSlope: [String: Double] = [:]
    var reluSides = Set<Bool>()
    func met(_ name: String, _ slope: Double) {
      leastSlope[name] = min(leastSlope[name] ?? 1, slope)
    }
    func record(_ l: LayerStep) {
      switch k.cell {
      case .rnn where k.act == .relu: for a in l.preActivation { reluSides.insert(a > 0) }
      case .rnn:
        for a in l.preActivation { met("\(k.act)", k.act.derivative(a) / k.act.derivativeBound) }
      case .lstm:
        for g in [LSTMGate.i, .f, .o] { for v in l.gate(g) { met("σ", v * (1 - v) / 0.25) } }
        for v in l.gate(LSTMGate.g) { met("tanh", 1 - v * v) }
      case .gru:
        for g in [GRUGate.r, .z] { for v in l.gate(g) { met("σ", v * (1 - v) / 0.25) } }
        for v in l.gate(GRUGate.n) { met("tanh", 1 - v * v) }
      }
    }
    for ex in batch {
      var pass = ForwardPass(model: model, loss: k.loss)
      var outs: [[Double]] = []
      for t in 0..<k.steps {
        let r = pass.step(ex.inputs[t], target: ex.targets[t])
        outs.append(r.outputs)
        r.layers.forEach(record)
        if let l = r.loss {
          tapeLoss += l
          tapeTargets += 1
        }
      }
      tapeOutputs.append(outs)
      let b = backpropagate(pass, lastLoss: false)
      tapeGrads.add(b.gradients)
      for t in 0..<k.steps { tapeNorms[t] += b.hiddenGradNorms[k.layers - 1][t] }
    }
    // The weights (× 2.5) took every nonlinearity out of its linear range, so the kernel is checked
    // on its curvature too: somewhere each slope fell below half its peak (relu: both sides met).
    if k.cell == .rnn && k.act == .relu {
      #expect(reluSides == [true, false], "relu met one side of its kink only")
    } else {
      #expect(leastSlope.count == (k.cell == .rnn ? 1 : 2))
      for (name, slope) in leastSlope { #expect(slope < 0.5, "\(name): least slope \(slope)") }
    }
    // One range on one thread (what small models get), and the steps cut into ranges of 2 and 3 —
    // their products run by the calling thread alone, or beside the recurrence on a second thread.
    var byThread: [Bool: (BatchResult, ModelParameters)] = [:]
    for (ranges, helper) in [(nil, false), (2, false), (3, false), (3, true)] as [(Int?, Bool)] {
      var grads: ModelParameters? = ModelParameters(zerosFor: model.config)
      let r = BatchBPTT.run(
        model: model, loss: k.loss, batch: batch, grads: &grads, workspace: BatchWorkspace(),
        keepOutputs: true,
        ranges: ranges.map { BatchBPTT.Ranges.uniform(steps: k.steps, size: $0) },
        helper: helper)
      check(r, grads!, "ranges \(ranges.map(String.init) ?? "all"), helper \(helper)")
      if ranges == 3 { byThread[helper] = (r, grads!) }
    }
    // Which thread ran a range's products changes nothing, to the last bit.
    #expect(byThread.count == 2)
    if let one = byThread[false], let two = byThread[true] {
      #expect(
        one.1 == two.1 && one.0.lossSum == two.0.lossSum && one.0.outputs == two.0.outputs
          && one.0.topGradNormSums == two.0.topGradNormSums)
    }

    func check(_ r: BatchResult, _ grads: ModelParameters, _ schedule: String) {
      #expect(r.targetCount == tapeTargets)
      #expect(abs(r.lossSum - tapeLoss) <= 1e-12 * max(1, abs(tapeLoss)))
      let O = model.config.outputSize
      var worstOut = 0.0
      for b in 0..<k.batch {
        for t in 0..<k.steps {
          for j in 0..<O {
            worstOut = max(
              worstOut, abs(r.outputs[(t * k.batch + b) * O + j] - tapeOutputs[b][t][j]))
          }
        }
      }
      #expect(worstOut <= 1e-12)
      let d = Self.maxRelativeDifference(grads, tapeGrads)
      #expect(d <= 1e-10, "\(schedule): gradients differ by \(d) (relative)")
      for t in 0..<k.steps {
        #expect(
          abs(r.topGradNormSums[t] - tapeNorms[t]) <= 1e-10 * max(1, tapeNorms[t]), "\(schedule)")
      }
      // Not a vacuous match: the gradients are finite and not all zero.
      #expect(d.isFinite && grads.globalNorm > 0)
    }
  }

  /// Ranges of different sizes for each kind of product (23 steps).
  static let uneven = BatchBPTT.Ranges(
    forward: [1, 2, 4, 8, 8], head: [8, 8, 4, 2, 1], backward: [5, 3, 1, 1, 2, 4, 7])

  /// Many runs on one workspace with the second thread: every one gives the single thread's numbers
  /// exactly (a race between the recurrence and the range products would show here as differing
  /// bits).
  @Test(arguments: [CellKind.lstm, .gru])
  func secondThreadIsExactRunAfterRun(_ cell: CellKind) {
    let k = Case(cell: cell, layers: 2, input: .embedding, loss: .crossEntropy, batch: 2, steps: 23)
    let (model, batch) = Self.setup(k, seed: 12)
    var reference: ModelParameters? = ModelParameters(zerosFor: model.config)
    let expected = BatchBPTT.run(
      model: model, loss: k.loss, batch: batch, grads: &reference, workspace: BatchWorkspace(),
      keepOutputs: true, ranges: Self.uneven, helper: false)
    let ws = BatchWorkspace()
    var mismatches = 0
    for _ in 0..<200 {
      var grads: ModelParameters? = ModelParameters(zerosFor: model.config)
      let r = BatchBPTT.run(
        model: model, loss: k.loss, batch: batch, grads: &grads, workspace: ws,
        keepOutputs: true, ranges: Self.uneven, helper: true)
      if grads != reference || r.outputs != expected.outputs || r.lossSum != expected.lossSum {
        mismatches += 1
      }
    }
    #expect(mismatches == 0)
    // Forward only (how a held-out set is scored): the same outputs and loss.
    var none: ModelParameters? = nil
    let forward = BatchBPTT.run(
      model: model, loss: k.loss, batch: batch, grads: &none, workspace: ws,
      keepOutputs: true, ranges: Self.uneven, helper: true)
    #expect(
      forward.outputs == expected.outputs && forward.lossSum == expected.lossSum
        && forward.topGradNormSums.isEmpty)
  }

  /// A Trainer keeps its workspace (buffers, second thread) from batch to batch; a copy that finds
  /// it in use (on another thread) gets a fresh one instead of sharing it.
  @Test func workspaceSlotLendsItsWorkspaceOnceAtATime() {
    let slot = WorkspaceSlot()
    var first: ObjectIdentifier?
    var second: ObjectIdentifier?
    var inner: ObjectIdentifier?
    slot.with { ws in
      first = ObjectIdentifier(ws)
      slot.with { inner = ObjectIdentifier($0) }
    }
    slot.with { second = ObjectIdentifier($0) }
    #expect(first != nil && first == second)
    #expect(inner != nil && inner != first)
  }

  /// The ranges and the second thread go to single sequences with real work (lstm-128, gru-256
  /// shapes), not to tiny models, short sequences or batches whose steps already use both cores.
  /// Where they go, the plan's properties hold, whatever its tuned sizes: each kind of product
  /// covers every step once, in order; the ranges the recurrence waits for (the first projections,
  /// the last head, both ends of the weight gradients) are the shortest but for the remainder;
  /// sizes change gradually (at most doubling from one range to the next) and stay bounded however
  /// long the sequence.
  @Test func rangesGoWhereTheyPay() throws {
    func config(_ cell: CellKind, _ h: Int) -> ModelConfig {
      ModelConfig(
        cell: cell, activation: .tanh, inputSize: h, hiddenSize: h, numLayers: 1, outputSize: h,
        embeddingCount: nil)
    }
    #expect(BatchBPTT.ranges(config(.lstm, 512), steps: 64, batch: 32) == nil)
    #expect(BatchBPTT.ranges(config(.rnn, 16), steps: 100, batch: 1) == nil)
    #expect(BatchBPTT.ranges(config(.lstm, 128), steps: 10, batch: 1) == nil)

    // Sizes that never more than double, read in the direction they grow.
    func gradual(_ sizes: some Collection<Int>) -> Bool {
      zip(sizes, sizes.dropFirst()).allSatisfy { $1 <= 2 * $0 }
    }
    // `end` is no longer than any range but at most one: the remainder, where the sizes from the
    // two ends meet (or, for the projections, the last).
    func shortest(_ end: Int?, _ sizes: [Int]) -> Bool {
      end.map { e in sizes.filter { $0 < e }.count <= 1 } ?? false
    }
    var largest: [Int: Int] = [:]
    for (cell, h) in [(CellKind.lstm, 128), (.gru, 256)] {
      for T in [16, 17, 19, 29, 100, 200, 1000, 1001] {
        let plan = try #require(
          BatchBPTT.ranges(config(cell, h), steps: T, batch: 1), "\(cell)-\(h) T \(T)")
        let lists = [plan.forward, plan.head, plan.backward]
        for sizes in lists {
          #expect(
            sizes.allSatisfy { $0 > 0 } && sizes.reduce(0, +) == T, "\(cell) T \(T): \(sizes)")
        }
        // Projections: the first is the shortest, they never shrink but for the last (what is
        // left), and grow gradually.
        #expect(shortest(plan.forward.first, plan.forward))
        #expect(
          zip(plan.forward.dropLast(), plan.forward.dropLast().dropFirst()).allSatisfy { $0 <= $1 })
        #expect(gradual(plan.forward))
        // The head: shortest at the last step, where the backward pass starts; gradual from there.
        #expect(shortest(plan.head.last, plan.head))
        #expect(gradual(plan.head.reversed().dropLast()))
        // The weight gradients: shortest at both ends; gradual from each end inwards.
        let back = plan.backward
        #expect(shortest(back.first, back) && shortest(back.last, back), "\(back)")
        let half = back.count / 2
        #expect(gradual(back.prefix(half)) && gradual(back.reversed().prefix(half)))
        largest[T] = max(largest[T] ?? 0, lists.flatMap { $0 }.max()!)
      }
    }
    // Bounded: a sequence five times longer gets more ranges, not longer ones.
    #expect(largest[1000] == largest[200] && largest[1001] == largest[200])
  }

  @Test(arguments: [CellKind.rnn, .lstm, .gru])
  func matchesCentralFiniteDifferences(_ cell: CellKind) {
    let k = Case(cell: cell, layers: 2, input: .embedding, loss: .crossEntropy, batch: 2, steps: 5)
    let (model, batch) = Self.setup(k, seed: 9)
    let ws = BatchWorkspace()
    var grads: ModelParameters? = ModelParameters(zerosFor: model.config)
    _ = BatchBPTT.run(model: model, loss: k.loss, batch: batch, grads: &grads, workspace: ws)
    // The same gradients with the steps in ranges, beside the second thread.
    var ranged: ModelParameters? = ModelParameters(zerosFor: model.config)
    _ = BatchBPTT.run(
      model: model, loss: k.loss, batch: batch, grads: &ranged, workspace: ws, keepOutputs: false,
      ranges: .init(forward: [1, 4], head: [3, 2], backward: [2, 1, 2]), helper: true)
    func loss(_ m: Model) -> Double {
      var none: ModelParameters? = nil
      return BatchBPTT.run(model: m, loss: k.loss, batch: batch, grads: &none, workspace: ws)
        .lossSum
    }
    let eps = 1e-6
    var checked = 0
    for name in model.parameters.names {
      let values = model.parameters[name]
      for i in stride(from: 0, to: values.count, by: max(1, values.count / 7)) {
        var plus = model
        var minus = model
        var v = values
        v[i] += eps
        plus.parameters[name] = v
        v[i] = values[i] - eps
        minus.parameters[name] = v
        let fd = (loss(plus) - loss(minus)) / (2 * eps)
        for (an, how) in [(grads![name][i], "one range"), (ranged![name][i], "ranges")] {
          #expect(
            abs(fd - an) <= 1e-6 * max(1, abs(fd)),
            "\(name)[\(i)] (\(how)): analytic \(an), finite difference \(fd)")
        }
        checked += 1
      }
    }
    #expect(checked > 40)
  }

  @Test func trainerGroupsSequencesOfDifferentLengths() {
    let k = Case(cell: .gru, layers: 1, input: .oneHot, loss: .crossEntropy, batch: 2, steps: 6)
    let (model, long) = Self.setup(k, seed: 5)
    let short = Self.setup(
      Case(cell: .gru, layers: 1, input: .oneHot, loss: .crossEntropy, batch: 2, steps: 3), seed: 6
    ).1
    let mixed = [long[0], short[0], long[1], short[1]]
    let groups = Trainer.groupedByLength(mixed)
    #expect(groups.map(\.count) == [2, 2])
    #expect(groups[0] == [long[0], long[1]] && groups[1] == [short[0], short[1]])
    // The gradient of the mixed batch equals the sum of the two groups' gradients.
    let ws = BatchWorkspace()
    var whole: ModelParameters? = ModelParameters(zerosFor: model.config)
    for g in groups {
      _ = BatchBPTT.run(model: model, loss: .crossEntropy, batch: g, grads: &whole, workspace: ws)
    }
    var tape = ModelParameters(zerosFor: model.config)
    for ex in mixed {
      var pass = ForwardPass(model: model)
      for t in ex.inputs.indices { pass.step(ex.inputs[t], target: ex.targets[t]) }
      tape.add(backpropagate(pass, lastLoss: false).gradients)
    }
    #expect(Self.maxRelativeDifference(whole!, tape) <= 1e-10)
  }
}
