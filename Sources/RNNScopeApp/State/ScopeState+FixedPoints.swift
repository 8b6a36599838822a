import RNNCore
import RNNViews

/// Fixed points (`fixed`, Sussillo & Barak 2013): the search on the current model from states on
/// the tape, the points kept with the model they are of, and the point selected.
extension ScopeState {
  /// The largest state (every layer's h, and c for the LSTM) the visualizer searches: each
  /// Levenberg–Marquardt iteration solves an n × n system, so a start of a bigger one can take
  /// seconds, longer than a slice of long work should.
  static let fixedPointStateLimit = 256

  /// What `fixed` found last, nil when nothing (or it was dropped with its model).
  public var fixedPoints: FoundFixedPoints? { session.fixedPoints }

  /// Whether the points were found on other weights than the model's now (training moved them).
  public var fixedPointsAreStale: Bool {
    session.fixedPoints.map { $0.model != model } ?? false
  }

  /// `fixed …`, `{` and `}`: what it did, as the status line or the output pane says it.
  mutating func changeFixedPoints(_ c: FixedPointsChange) throws -> String {
    switch c {
    case .find(let input, let starts, let tolerance, let stop):
      return try startFixedPointSearch(
        input: input, starts: starts, tolerance: tolerance, stop: stop)
    case .off:
      guard session.fixedPoints != nil else { return "fixed off: no fixed points were kept" }
      session.fixedPoints = nil
      return "fixed off: the fixed points are no longer shown"
    case .select(nil):
      guard session.fixedPoints != nil else { return "fixed select off: no fixed points kept" }
      session.fixedPoints!.selected = nil
      return "fixed select off: the spectrum panel shows the weights' eigenvalues again"
    case .select(let i?):
      let n = try fixedPointCount("fixed select")
      guard i >= 0, i < n else {
        throw CommandError("fixed select: the points are 1…\(n) (got \(i + 1))")
      }
      return select(fixedPoint: i)
    case .selectNext(let d):
      let n = try fixedPointCount("{ and }")
      let i = session.fixedPoints!.selected.map { (($0 + d) % n + n) % n } ?? (d > 0 ? 0 : n - 1)
      return select(fixedPoint: i)
    }
  }

  /// How many points there are to select; refused when none.
  private func fixedPointCount(_ what: String) throws -> Int {
    guard let f = session.fixedPoints else {
      throw CommandError("\(what): no fixed points yet (fixed finds them)")
    }
    guard !f.report.points.isEmpty else {
      throw CommandError("\(what): the last search found no points (fixed starts=N tries more)")
    }
    return f.report.points.count
  }

  private mutating func select(fixedPoint i: Int) -> String {
    session.fixedPoints!.selected = i
    view.brought.removeAll { $0 == .spectrum }
    view.brought.insert(.spectrum, at: 0)
    let p = session.fixedPoints!.report.points[i]
    return "fixed point \(i + 1) of \(session.fixedPoints!.report.points.count): "
      + "\(p.stability.description), q \(NumberFormat.short(p.q, digits: 2)); "
      + "the spectrum panel shows ∂F/∂s there ({ } select, fixed select off)"
  }

  /// Starts the search: at once headless, else a start per slice of long work (Esc stops it and
  /// keeps the points of the starts done).
  private mutating func startFixedPointSearch(
    input: FixedPointInput, starts: Int, tolerance: Double, stop: Double?
  ) throws -> String {
    let c = config
    let finderSize = c.numLayers * (c.cell == .lstm ? 2 : 1) * c.hiddenSize
    guard finderSize <= Self.fixedPointStateLimit else {
      throw CommandError(
        "fixed: this model's state has \(finderSize) values (every layer's h"
          + (c.cell == .lstm ? " and c" : "") + "); the visualizer searches states of up to "
          + "\(Self.fixedPointStateLimit) — rnnscope fixed WEIGHTS.safetensors searches any")
    }
    let states = FixedPointFinder.states(of: pass)
    guard !states.isEmpty else {
      throw CommandError(
        "fixed: no steps on the tape yet (Space, step N or run): the starts are its states")
    }
    let inputs = FixedPointFinder.inputs(of: pass)
    var held = input
    var named = input.description
    if case .step(let t) = input {
      // t counts from 1, as the screen does; the tape's inputs from its first step kept.
      let i = t - 1 - firstKept
      guard inputs.indices.contains(i) else {
        throw CommandError(
          "fixed: input=\(t): the tape holds steps \(firstKept + 1)…\(firstKept + inputs.count)")
      }
      held = .step(i)
      named = "x at step \(t)"
    }
    let x = held.vector(width: c.inputSize, inputs: inputs)!
    var o = FixedPointFinder.Options()
    o.starts = starts
    o.tolerance = tolerance
    o.stopBelow = stop
    o.seed = options.seed
    let finder = FixedPointFinder(model: model, input: x)
    var search = FixedPointSearch(
      finder: finder,
      starts: FixedPointFinder.sampleStarts(
        from: states, count: starts, noise: 0, seed: options.seed),
      options: o, input: named)
    if interactive {
      cancelWork()
      work = LongWork(kind: .fixedPoints(search), label: "fixed points")
      view.message = work!.progress(self)
      return view.message!
    }
    while !search.done { search.next() }
    return keep(search)
  }

  /// The search's points kept (the trajectory panel brought to show them) and its report.
  mutating func keep(_ search: FixedPointSearch) -> String {
    session.fixedPoints = search.found()
    view.brought.removeAll { $0 == .trajectory }
    view.brought.insert(.trajectory, at: 0)
    return fixedPointsReport()
  }

  /// The points as `rnnscope fixed` prints them, after a line saying what was searched.
  func fixedPointsReport(eigenvalues: Int = 4) -> String {
    guard let f = session.fixedPoints else { return "no fixed points yet (fixed finds them)" }
    let r = f.report
    var lines = [
      "fixed points of \(f.model.config.summary), from states on the tape"
        + (fixedPointsAreStale ? " (stale: the weights have changed since)" : ""),
      r.summary(input: f.input, tolerance: f.tolerance),
    ]
    for i in r.points.indices { lines += r.lines(ofPoint: i, eigenvalues: eigenvalues) }
    if r.points.isEmpty { lines.append("  (no start converged: fixed starts=N tries more)") }
    lines.append(
      f.counts.map { "\($0.count) \($0.name)" }.joined(separator: " · ")
        + (r.points.isEmpty ? "" : "; { } select a point (its ∂F/∂s in the spectrum panel)"))
    return lines.joined(separator: "\n")
  }

  /// `fixed`'s numbers as data (`run --json`): every point with its state, readout and
  /// eigenvalues, as `rnnscope fixed --json` gives them.
  public func fixedPointsData() -> ReportValue {
    guard let f = session.fixedPoints else { return .object(["points": .array([])]) }
    let r = f.report
    return .object([
      "input": .string(f.input), "input_vector": .numbers(r.input),
      "tolerance": .number(f.tolerance),
      "starts": .number(Double(r.starts)), "unconverged": .number(Double(r.unconverged)),
      "duplicates": .number(Double(r.duplicates)), "stale": .bool(fixedPointsAreStale),
      "selected": f.selected.map { .number(Double($0 + 1)) } ?? .null,
      "state_layout": .string(ReportValue.stateLayout(f.model.config)),
      "points": .array(r.points.map(ReportValue.fixedPoint)),
    ])
  }
}

extension ReportValue {
  /// One point's numbers, as `fixed --json` (the visualizer's and the CLI's) gives them.
  public static func fixedPoint(_ p: FixedPoint) -> ReportValue {
    var marginal = 0
    if case .marginal(_, let m) = p.stability { marginal = m }
    return .object([
      "q": .number(p.q), "fixed": .bool(p.isFixed), "stability": .string(p.stability.name),
      "unstable": .number(Double(p.unstableCount)), "marginal": .number(Double(marginal)),
      "gradient_norm": .number(p.gradientNorm), "iterations": .number(Double(p.iterations)),
      "start": .number(Double(p.start)), "state": .numbers(p.state), "readout": .numbers(p.readout),
      "eigenvalues": .array(p.eigenvalues.map { .numbers([$0.re, $0.im]) }),
    ])
  }

  /// How a fixed point's state is laid out.
  public static func stateLayout(_ c: ModelConfig) -> String {
    c.cell == .lstm ? "per layer h then c, layer 0 first" : "per layer h, layer 0 first"
  }
}
