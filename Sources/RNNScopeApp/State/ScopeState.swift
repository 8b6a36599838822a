import Foundation
import RNNCore
import RNNViews

/// The whole state of the visualizer, by concern: the session (model, task, sequence, tape, BPTT),
/// the view (cursor, focus, zoom, messages), training in the background, and long work under way.
/// Knows nothing of terminals. `apply(_:context:)` is the only way keys and commands change it;
/// `tick(seconds:)` moves time on; `ScopeScreen` draws it.
public struct ScopeState: @unchecked Sendable {
  public internal(set) var session: SessionState
  public internal(set) var view = ViewState()
  public internal(set) var training = TrainingState()
  /// The split view's second model and the comparison last asked for (`split`).
  public internal(set) var split = SplitState()
  /// Set by the `Visualizer` a frame loop drives: long work then runs in slices between frames
  /// (`tick`) instead of at once, so that keys and signals are answered meanwhile.
  public internal(set) var interactive = false
  /// The long work under way, if any (see `LongWork`).
  public internal(set) var work: LongWork?

  public init(options: ScopeOptions = ScopeOptions()) throws {
    session = try SessionState(options: options)
  }

  // MARK: - Reading the state

  public var options: ScopeOptions { session.options }
  public var model: Model { session.model }
  public var task: SequenceTask { session.task }
  public var example: Example { session.example }
  public var pass: ForwardPass { session.pass }
  public var bptt: BPTTResult? { session.bptt }
  public var config: ModelConfig { session.model.config }
  public var stepsTaken: Int { session.pass.stepCount }
  /// The first step still on the tape: earlier ones of a long sequence were forgotten (their inputs
  /// stay).
  public var firstKept: Int { session.pass.forgotten }
  /// What step t computed, while it is on the tape.
  public func record(_ t: Int) -> StepRecord? {
    let p = session.pass
    return t >= p.forgotten && t < p.stepCount ? p.steps[t - p.forgotten] : nil
  }
  public var maxSteps: Int { session.example.inputs.count }

  public var cursor: Int { view.cursor }
  public var measure: GradientMeasure { view.measure }
  public var animation: Int? { view.animation }
  public var isAnimating: Bool { view.animation != nil }
  public var speed: Int { view.speed }
  public var focus: PanelID { view.focus }
  public var zoomed: Bool { view.zoomed }
  public var palette: Palette { view.palette }
  public var colorRange: ColorRange { view.colorRange }
  public var showHelp: Bool { view.showHelp }
  public var commandLine: CommandLineState { view.commandLine }
  public var message: String? { view.message }
  public var narration: String? { view.narration }

  public var history: TrainingHistory { training.history }
  public var trainedSteps: Int { training.trainedSteps }
  public var trainingFault: String? { training.fault }
  public var modelsTaken: Int { training.modelsTaken }
  public var isTraining: Bool { training.isTraining }
  /// Whether the tape is yet to follow the model: a replay under way or due.
  public var isReplaying: Bool { training.replay != nil || training.tapeIsStale }
  /// Whether the frame loop should tick often: something moves or is about to land.
  public var isBusy: Bool { isAnimating || isTraining || training.replay != nil }

  public var title: String {
    let cell =
      config.cell == .rnn
      ? "vanilla RNN · \(config.activation.rawValue)" : config.cell.rawValue.uppercased()
    let what = options.task == nil ? "text" : "task \(task.kind.rawValue)"
    if isSplit {
      return
        "split: \(split.labels.0) vs \(split.labels.1) · \(what) · step \(stepsTaken)/\(maxSteps)"
    }
    return "\(cell) · hidden \(config.hiddenSize)"
      + (config.numLayers > 1 ? " × \(config.numLayers) layers" : "")
      + " · \(what) · step \(stepsTaken)/\(maxSteps)"
  }

  /// A short label (1–2 characters) for the input at step t.
  public func inputLabel(_ t: Int) -> String {
    switch session.example.inputs[t] {
    case .token(let k): return tokenLabel(k)
    case .vector(let v):
      if session.task.kind == .adding { return v[1] == 1 ? "◆" : "·" }
      if session.task.kind == .flipflop {
        // The pulse: its channel (from 1) and sign, "2-"; "·" when none.
        guard let k = v.firstIndex(where: { $0 != 0 }) else { return "·" }
        return "\(k + 1)" + (v[k] > 0 ? "+" : "-")
      }
      if session.task.kind == .integrator {
        // The pulse's sign ("·" when none); its size is in the readout.
        return v[0] == 0 ? "·" : v[0] > 0 ? "+" : "-"
      }
      return v.first.map { $0 >= 0 ? "+" : "-" } ?? "?"
    }
  }

  /// The sign of the flip-flop's or the integrator's pulse read at step t (the first channel's),
  /// nil without one.
  func pulseSign(_ t: Int) -> Double? {
    guard session.task.kind == .flipflop || session.task.kind == .integrator,
      case .vector(let v) = session.example.inputs[t],
      let x = v.first(where: { $0 != 0 })
    else { return nil }
    return x
  }

  /// Step t's input in full, as the readout and `show step` give it: a token's label, or every
  /// value of a vector, "(0, +1, 0)".
  public func inputDescription(_ t: Int) -> String {
    switch session.example.inputs[t] {
    case .token: return inputLabel(t)
    case .vector(let v):
      return v.count == 1 && session.task.kind != .integrator ? inputLabel(t) : Self.describe(v)
    }
  }

  /// Step t's target in full: a class's label, or every value of a vector; nil without one.
  public func targetDescription(_ t: Int) -> String? {
    switch session.example.targets[t] {
    case .vector(let v)? where v.count > 1 || session.task.kind == .integrator:
      return Self.describe(v)
    default: return targetLabel(t)
    }
  }

  /// "(+1.07, -0.98, 0)": each value short and signed, a whole number without decimals ("+1").
  static func describe(_ v: [Double]) -> String {
    let each = v.map { x in
      let sign = x > 0 ? "+" : ""
      if x == x.rounded(), abs(x) < 1e6 { return sign + String(Int(x)) }
      return sign + NumberFormat.short(x, digits: 2)
    }
    return "(" + each.joined(separator: ", ") + ")"
  }

  /// Whether step t's input or target is shown as a vector's values (`inputDescription`).
  func describesVectors(_ t: Int) -> Bool {
    if session.task.kind == .integrator { return true }
    if case .vector(let v) = session.example.inputs[t], v.count > 1 { return true }
    if case .vector(let v)? = session.example.targets[t], v.count > 1 { return true }
    return false
  }

  /// How a token shows: its character for text, else a symbol (0–9, then letters; blank "_", cue
  /// "!").
  public func tokenLabel(_ k: Int) -> String {
    if let v = session.task.vocabulary { return String(v.character(k)) }
    if session.task.kind == .copy {
      if k == 0 { return "_" }
      if k == session.task.alphabet + 1 { return "!" }
    }
    let symbols = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    return k < symbols.count ? String(symbols[k]) : "#"
  }

  public func targetLabel(_ t: Int) -> String? {
    switch session.example.targets[t] {
    case .index(let k)?: return tokenLabel(k)
    case .vector(let v)?:
      // Several channels do not fit a step's two cells: the readout shows them
      // (`targetDescription`).
      // Nor does the integrator's running sum.
      return v.count > 1 || session.task.kind == .integrator
        ? "" : v.first.map { NumberFormat.short($0, digits: 2) }
    case nil: return nil
    }
  }

  /// The predicted class at step t (cross-entropy tasks; none at a padded step).
  public func predictedToken(_ t: Int) -> Int? {
    guard session.task.loss == .crossEntropy, let r = record(t), r.active else { return nil }
    let p = r.probabilities
    return p.indices.max { p[$0] < p[$1] }
  }

  /// Whether step t's prediction is right (nil without a target, at a padded step, or where
  /// accuracy means nothing).
  public func isCorrect(_ t: Int) -> Bool? {
    guard let r = record(t), r.active, let y = session.example.targets[t] else { return nil }
    return session.task.correct(outputs: r.outputs, target: y)
  }

  /// The gradient norms per step of `layer` under the current measure (nil before `b`), for the
  /// steps on the tape: index i is step firstKept + i. During the backward animation, steps not yet
  /// reached are nil.
  public func gradientNorms(layer: Int) -> [Double?]? {
    guard let all = wholeGradientNorms(layer: layer) else { return nil }
    guard let a = view.animation else { return all.map { Optional($0) } }
    return all.enumerated().map { $0.offset >= a ? $0.element : nil }
  }

  /// The gradient norms per step of `layer` under the current measure, every one of them (the
  /// backward animation reveals these): nil before `b`.
  public func wholeGradientNorms(layer: Int) -> [Double]? {
    guard let b = session.bptt else { return nil }
    let all: [Double]
    switch view.measure {
    case .last: all = b.lastLossHiddenGradNorms[layer]
    case .total: all = b.hiddenGradNorms[layer]
    case .cell: all = b.cellGradNorms?[layer] ?? b.hiddenGradNorms[layer]
    case .lastCell: all = b.lastLossCellGradNorms?[layer] ?? b.lastLossHiddenGradNorms[layer]
    }
    return all
  }
}
