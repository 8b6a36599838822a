import CLapackShim

/// Fixed and slow points of a model's state map with a constant input (Sussillo & Barak 2013,
/// "Opening the black box"): F(s) = one step of every layer from state s with layer-0 input x*,
/// and q(s) = ½‖F(s) − s‖², minimised by Levenberg–Marquardt on r(s) = F(s) − s with the exact
/// Jacobian ∂F/∂s (`StepJacobian`) and LAPACK solves (dgesv).
///
/// The state s is the whole state of the stack, so that F is the map the model really iterates:
/// s = (s_0, …, s_{L−1}) with s_k = h_k (RNN, GRU) or s_k = (h_k, c_k) (LSTM, h first), layer 0
/// first. For a one-layer model s is h (or (h, c)).
public struct FixedPointFinder: Sendable {
  /// Settings of a search; the defaults suit models of up to a few hundred state values.
  public struct Options: Sendable, Equatable {
    /// How many starts (sampled with replacement from the given states).
    public var starts = 64
    /// Standard deviation of the Gaussian noise added to every coordinate of a start.
    public var noise = 0.0
    /// The seed of the sampling and the noise.
    public var seed: UInt64 = 1
    /// q below this: a fixed point.
    public var tolerance = 1e-12
    /// ‖∇q‖ below this with q above `tolerance`: a slow point (a local minimum of q).
    public var gradientTolerance = 1e-8
    /// Levenberg–Marquardt iterations per start at most.
    public var maxIterations = 200
    /// Points closer than this (Euclidean, in state space) are one point.
    public var dedupDistance = 1e-4
    /// ||λ| − 1| within this: a marginal mode.
    public var marginalTolerance = 1e-3
    /// A descent stops as soon as q is at most this (nil: it polishes s* down to q ≤ 10⁻¹⁶ ·
    /// `tolerance`). Above `tolerance`, such an end is a slow point — one step moves it by at most
    /// √(2q) — which is how a line attractor's slow line shows: along it every state is slow, and
    /// a descent run to the end would slide along the line to its few exact fixed points.
    public var stopBelow: Double? = nil
    public init() {}
  }

  public let model: Model
  /// x*, layer 0's input (the embedding's width when the model has one).
  public let input: [Double]

  public init(model: Model, input: [Double]) {
    precondition(input.count == model.config.inputSize, "x* needs one value per layer-0 input")
    self.model = model
    self.input = input
  }

  /// Values per layer in the state: H, or 2H for the LSTM.
  public var layerStateSize: Int {
    model.config.cell == .lstm ? 2 * model.config.hiddenSize : model.config.hiddenSize
  }

  /// n = L · (H or 2H).
  public var stateSize: Int { model.config.numLayers * layerStateSize }

  // MARK: The state's layout

  /// s from every layer's h (and c for the LSTM): (h_0, c_0, h_1, c_1, …).
  public static func state(hidden: [[Double]], cell: [[Double]], config: ModelConfig) -> [Double] {
    var s: [Double] = []
    for k in 0..<config.numLayers {
      s += hidden[k]
      if config.cell == .lstm { s += cell[k] }
    }
    return s
  }

  /// Every layer's h and c (c empty but for the LSTM) from s.
  public static func layers(of s: [Double], config: ModelConfig) -> (
    hidden: [[Double]], cell: [[Double]]
  ) {
    let H = config.hiddenSize
    let d = config.cell == .lstm ? 2 * H : H
    var hs: [[Double]] = []
    var cs: [[Double]] = []
    for k in 0..<config.numLayers {
      hs.append(Array(s[(k * d)..<(k * d + H)]))
      cs.append(config.cell == .lstm ? Array(s[(k * d + H)..<(k * d + d)]) : [])
    }
    return (hs, cs)
  }

  /// The state after every active step of a pass (s_1 … s_T), where starts are sampled from.
  public static func states(of pass: ForwardPass) -> [[Double]] {
    pass.steps.filter(\.active).map {
      state(hidden: $0.hidden, cell: $0.cell, config: pass.model.config)
    }
  }

  /// Layer 0's input at every active step of a pass, as a dense vector (a token one-hot, or its
  /// embedding row): what `FixedPointInput.vector` averages or picks.
  public static func inputs(of pass: ForwardPass) -> [[Double]] {
    let width = pass.model.config.inputSize
    return pass.steps.compactMap { r -> [Double]? in
      guard let x = r.layers.first?.input else { return nil }
      switch x {
      case .oneHot(let k):
        var v = [Double](repeating: 0, count: width)
        v[k] = 1
        return v
      case .dense(let v): return v
      }
    }
  }

  // MARK: The map and its Jacobian

  /// One step of every layer from s with input x*: each layer's record.
  func layerSteps(_ s: [Double]) -> [LayerStep] {
    let c = model.config
    let (hs, cs) = Self.layers(of: s, config: c)
    var x = LayerInput.dense(input)
    var out: [LayerStep] = []
    for k in 0..<c.numLayers {
      let st = model.layerStep(k, x: x, hPrev: hs[k], cPrev: cs[k])
      out.append(st)
      x = .dense(st.hidden)
    }
    return out
  }

  /// F(s) = (s_0′, …, s_{L−1}′): layer k steps from s_k with input h_{k−1}′ (x* for layer 0).
  public func step(_ s: [Double]) -> [Double] {
    let steps = layerSteps(s)
    return Self.state(hidden: steps.map(\.hidden), cell: steps.map(\.cell), config: model.config)
  }

  /// ∂F/∂s (n × n), block row k: ∂s_k′/∂s = J_k at block column k (`StepJacobian.matrix`)
  /// + X_k ∂h_{k−1}′/∂s (`StepJacobian.inputMatrix`; the rows of h_{k−1}′ in block row k − 1).
  public func jacobian(_ s: [Double]) -> Matrix {
    jacobian(layerSteps(s))
  }

  func jacobian(_ steps: [LayerStep]) -> Matrix {
    let c = model.config
    let d = layerStateSize
    let n = stateSize
    let H = c.hiddenSize
    var j = Matrix(rows: n, cols: n)
    for k in 0..<c.numLayers {
      let p = model.parameters.layers[k]
      let jk = StepJacobian.matrix(p, cell: c.cell, activation: c.activation, step: steps[k])
      for r in 0..<d {
        for col in 0..<d { j[k * d + r, k * d + col] = jk[r, col] }
      }
      guard k > 0 else { continue }
      let xk = StepJacobian.inputMatrix(p, cell: c.cell, activation: c.activation, step: steps[k])
      // Rows of h_{k−1}′ (the first H of block row k − 1) reach every column left of block k.
      let below = (k - 1) * d
      for r in 0..<d {
        for col in 0..<(k * d) {
          var sum = 0.0
          for u in 0..<H { sum += xk[r, u] * j[below + u, col] }
          j[k * d + r, col] = sum
        }
      }
    }
    return j
  }

  /// o = W_fc h_top + b_fc for the state s.
  public func readout(_ s: [Double]) -> [Double] {
    let (hs, _) = Self.layers(of: s, config: model.config)
    var o = model.parameters.fcWeight.times(hs[model.config.numLayers - 1])
    addInPlace(&o, model.parameters.fcBias)
    return o
  }

  /// q(s) = ½‖F(s) − s‖².
  public func q(_ s: [Double]) -> Double {
    let f = step(s)
    var sum = 0.0
    for i in s.indices { sum += (f[i] - s[i]) * (f[i] - s[i]) }
    return sum / 2
  }

  // MARK: Minimisation

  /// Where one start ended: the state, q, ‖∇q‖, the iterations and whether it converged (q below
  /// the tolerance, or ‖∇q‖ below the gradient tolerance).
  public struct Descent: Sendable, Equatable {
    public let state: [Double]
    public let q: Double
    public let gradientNorm: Double
    public let iterations: Int
    public let converged: Bool
  }

  /// Levenberg–Marquardt from s₀: with r = F(s) − s and J_r = ∂F/∂s − I, the step δ solves
  /// (J_rᵀ J_r + μ I) δ = −J_rᵀ r; a step that lowers q is taken and μ ← μ/10, else μ ← 10 μ.
  /// Stops once q is far below the tolerance (q ≤ 10⁻¹⁶ · tol, to polish s* for its
  /// eigenvalues), when ‖∇q‖ = ‖J_rᵀ r‖ ≤ the gradient tolerance, when no μ up to 10¹⁶ lowers q,
  /// or after `maxIterations`.
  public func minimise(from s0: [Double], options o: Options) -> Descent {
    let n = stateSize
    var s = s0
    let f0 = step(s)
    var r = (0..<n).map { f0[$0] - s[$0] }
    var q = half(r)
    var mu = 1e-3
    var iterations = 0
    var g = [Double](repeating: 0, count: n)
    var gNorm = Double.infinity
    let polish = o.stopBelow ?? o.tolerance * 1e-16
    while iterations < o.maxIterations, q.isFinite, q > polish {
      var jr = jacobian(s)
      for i in 0..<n { jr[i, i] -= 1 }
      // g = J_rᵀ r, A = J_rᵀ J_r
      g = jr.transposedTimes(r)
      gNorm = euclideanNorm(g)
      if gNorm <= o.gradientTolerance && q > o.tolerance { break }
      var a = Matrix(rows: n, cols: n)
      rs_gemm(
        1, 0, Int32(n), Int32(n), Int32(n), 1, jr.data, Int32(n), jr.data, Int32(n), 0, &a.data,
        Int32(n))
      iterations += 1
      var moved = false
      while mu <= 1e16 {
        var m = a
        for i in 0..<n { m[i, i] += mu }
        var delta = g.map { -$0 }
        let info = rs_solve(Int32(n), &m.data, &delta)
        if info == 0, delta.allSatisfy(\.isFinite) {
          let trial = (0..<n).map { s[$0] + delta[$0] }
          let ft = step(trial)
          let rt = (0..<n).map { ft[$0] - trial[$0] }
          let qt = half(rt)
          if qt < q {
            s = trial
            r = rt
            q = qt
            mu = max(mu / 10, 1e-12)
            moved = true
            break
          }
        }
        mu *= 10
      }
      if !moved { break }
    }
    // ∇q where the descent ended.
    var jr = jacobian(s)
    for i in 0..<n { jr[i, i] -= 1 }
    g = jr.transposedTimes(r)
    gNorm = euclideanNorm(g)
    let converged =
      q.isFinite && s.allSatisfy(\.isFinite)
      && (q <= max(o.tolerance, o.stopBelow ?? 0) || gNorm <= o.gradientTolerance)
    return Descent(
      state: s, q: q, gradientNorm: gNorm, iterations: iterations, converged: converged)
  }

  private func half(_ r: [Double]) -> Double {
    var sum = 0.0
    for v in r { sum += v * v }
    return sum / 2
  }

  /// `count` starts drawn with replacement from `states` (uniformly, by index), each with
  /// N(0, noise²) added to every coordinate, from `seed`: the same seed, the same starts.
  public static func sampleStarts(
    from states: [[Double]], count: Int, noise: Double, seed: UInt64
  ) -> [[Double]] {
    guard !states.isEmpty else { return [] }
    var g = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
      let s = states[Int(g.next() % UInt64(states.count))]
      return noise > 0 ? s.map { $0 + noise * g.normal() } : s
    }
  }

  /// The point at a converged state: its q, eigenvalues, stability and readout.
  public func point(_ d: Descent, start: Int, options o: Options) -> FixedPoint {
    let eig = (Spectral.eigenvalues(jacobian(d.state)) ?? []).sorted {
      ($0.magnitude, $0.re, $0.im) > ($1.magnitude, $1.re, $1.im)
    }
    return FixedPoint(
      state: d.state, q: d.q, gradientNorm: d.gradientNorm, isFixed: d.q <= o.tolerance,
      eigenvalues: eig,
      stability: FixedPointStability(
        magnitudes: eig.map(\.magnitude), tolerance: o.marginalTolerance),
      readout: readout(d.state), start: start, iterations: d.iterations)
  }

  /// A slow end (∇q ≈ 0 with q above the tolerance) may be a saddle or a maximum of q rather than
  /// a minimum: the descent is restarted from 4 nearby states (s + N(0, (10⁻³(1 + ‖s‖/√n))²)
  /// per coordinate, seeded by the options' seed and the start), up to 3 times, and the end with
  /// the lowest q is kept.
  func probed(_ d: Descent, _ start: Int, _ o: Options) -> Descent {
    var best = d
    var g = SeededGenerator(seed: o.seed &+ 0x9E37_79B9 &* UInt64(start + 1))
    for _ in 0..<3 {
      guard best.converged, best.q > max(o.tolerance, o.stopBelow ?? 0) else { return best }
      let scale = 1e-3 * (1 + euclideanNorm(best.state) / Double(max(stateSize, 1)).squareRoot())
      var lower = best
      for _ in 0..<4 {
        let near = best.state.map { $0 + scale * g.normal() }
        let e = minimise(from: near, options: o)
        if e.converged, e.q < lower.q * (1 - 1e-6) { lower = e }
      }
      if lower.q >= best.q { return best }
      best = Descent(
        state: lower.state, q: lower.q, gradientNorm: lower.gradientNorm,
        iterations: best.iterations + lower.iterations, converged: lower.converged)
    }
    return best
  }

  /// Minimises q from every start, keeps the converged ends, and merges ends closer than
  /// `dedupDistance` (taken in order of q, lowest first: the lowest q represents its cluster).
  public func find(starts: [[Double]], options o: Options) -> FixedPointReport {
    report(
      descents: starts.indices.map { descent(from: starts[$0], start: $0, options: o) }, options: o)
  }

  /// The report from every start's descent, in the starts' order (`descent(from:start:options:)`).
  public func report(descents: [Descent], options o: Options) -> FixedPointReport {
    let order = descents.indices.filter { descents[$0].converged }.sorted {
      (descents[$0].q, $0) < (descents[$1].q, $1)
    }
    var kept: [Int] = []
    for i in order {
      let near = kept.contains { k in
        var d2 = 0.0
        for u in descents[i].state.indices {
          let e = descents[i].state[u] - descents[k].state[u]
          d2 += e * e
        }
        return d2.squareRoot() < o.dedupDistance
      }
      if !near { kept.append(i) }
    }
    let points = kept.map { point(descents[$0], start: $0, options: o) }.sorted {
      ($0.isFixed ? 0 : 1, $0.unstableCount, $0.start) < (
        $1.isFixed ? 0 : 1, $1.unstableCount, $1.start
      )
    }
    return FixedPointReport(
      points: points, starts: descents.count, unconverged: descents.count - order.count,
      duplicates: order.count - kept.count, input: input)
  }

  /// The search on a pass: x* from its inputs, starts sampled from its states. nil when the pass
  /// has no active step or `input` names a step outside it.
  public static func find(
    model: Model, pass: ForwardPass, input: FixedPointInput, options o: Options
  ) -> FixedPointReport? {
    let states = states(of: pass)
    guard !states.isEmpty,
      let x = input.vector(width: model.config.inputSize, inputs: inputs(of: pass))
    else { return nil }
    let finder = FixedPointFinder(model: model, input: x)
    return finder.find(
      starts: sampleStarts(from: states, count: o.starts, noise: o.noise, seed: o.seed), options: o)
  }
}
