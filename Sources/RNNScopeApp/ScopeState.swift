import Foundation
import RNNCore
import RNNViews

/// Which gradient the gradient panel shows.
public enum GradientMeasure: String, CaseIterable, Sendable {
  /// ‖∂L_T/∂h_t‖: the last target step's loss alone.
  case last
  /// ‖∂L/∂h_t‖: the whole loss Σ L_t.
  case total
  /// ‖∂L/∂c_t‖: the LSTM's cell state.
  case cell

  public var title: String {
    switch self {
    case .last: return "‖∂L_T/∂h_t‖"
    case .total: return "‖∂L/∂h_t‖"
    case .cell: return "‖∂L/∂c_t‖"
    }
  }

  public var explanation: String {
    switch self {
    case .last: return "the last loss alone"
    case .total: return "the whole loss"
    case .cell: return "LSTM cell state"
    }
  }
}

/// The panels of the screen, in focus order.
public enum PanelID: String, CaseIterable, Sendable {
  case sequence, heatmap, gradient, readout, derivative, spectrum, training
}

/// What the visualizer is set up with: the same model and task options as `rnnscope train`.
public struct ScopeOptions: Sendable {
  public var cell: CellKind = .rnn
  public var activation: Activation = .tanh
  public var hidden = 16
  public var layers = 1
  public var initialization = Initialization()
  public var seed: UInt64 = 1
  /// nil: the built-in demo text (or `text` when given) read as one sequence.
  public var task: TaskKind? = nil
  public var length: Int? = nil
  public var delay: Int? = nil
  public var alphabet: Int? = nil
  public var text: String? = nil
  public var optimizer: OptimizerKind = .adam
  public var learningRate: Double? = nil
  public var clip = 1.0
  public var batch = 16
  /// Steps the tape keeps (nil: `ScopeState.tapeWindow`, by memory).
  public var tapeWindow: Int? = nil

  public init() {}
}

/// The whole state of the visualizer: model, sequence, forward pass, gradients, cursor, training, view
/// options. Knows nothing of terminals; keys and commands change it, `ScopeScreen` draws it.
public struct ScopeState: @unchecked Sendable {
  public internal(set) var options: ScopeOptions
  public internal(set) var model: Model
  public internal(set) var task: SequenceTask
  /// The sequence stepped through.
  public internal(set) var example: Example
  public internal(set) var pass: ForwardPass
  /// BPTT over the steps taken; nil until `b`, and again after the steps change.
  public internal(set) var bptt: BPTTResult?
  public internal(set) var cursor = 0
  public var measure: GradientMeasure = .last
  /// During the backward animation: the earliest step whose gradient is shown so far.
  public internal(set) var animation: Int? = nil
  /// Animation speed: index into `ScopeState.speeds` (steps per second).
  public internal(set) var speedIndex = 3
  public static let speeds = [2, 5, 10, 20, 40, 80, 160]
  public var showHelp = false
  public var focus: PanelID = .heatmap
  public var zoomed = false
  public var commandLine = CommandLineState()
  public var message: String?
  /// The caption of a narrated session (`say`).
  public var narration: String?
  /// A session played as a presentation: Space runs it on to its next pause.
  public var presentation: Presentation?
  public internal(set) var history = TrainingHistory()
  var worker: TrainingWorker?
  var exampleGenerator: SeededGenerator
  private var animationClock: Double = 0
  public internal(set) var trainingFault: String?
  /// Training steps taken in this session, over every start and stop.
  public internal(set) var trainedSteps = 0
  /// Models from the training thread taken onto the screen (their steps replayed).
  public internal(set) var modelsTaken = 0
  /// Set by the visualizer's frame loop: long work then runs in slices between frames (`tick`) instead of
  /// at once, so that keys and signals are answered meanwhile.
  public var interactive = false
  /// The long work under way, if any (see `LongWork`).
  public internal(set) var work: LongWork?
  /// A model the training thread published while work was under way: taken when the work ends.
  var deferredModel: Model?

  public init(options: ScopeOptions = ScopeOptions()) throws {
    self.options = options
    let t = try ScopeState.makeTask(options)
    task = t
    let m = try ScopeState.makeModel(options, task: t)
    model = m
    exampleGenerator = SeededGenerator(seed: options.seed &+ 31)
    example = ScopeState.firstExample(options, task: t, generator: &exampleGenerator)
    pass = ForwardPass(model: m, loss: t.loss)
    pass.window = options.tapeWindow ?? ScopeState.tapeWindow(m.config)
  }

  /// How many steps the tape keeps (it holds up to twice this before forgetting the oldest): about 128 MB
  /// of records, between 256 and 20,000 steps, so a long text streams through in bounded memory.
  public static func tapeWindow(_ c: ModelConfig) -> Int {
    min(20_000, max(256, Int(128e6 / tapeBytesPerStep(c))))
  }

  /// A new tape for the current model and task.
  func newPass() -> ForwardPass {
    var p = ForwardPass(model: model, loss: task.loss)
    p.window = options.tapeWindow ?? ScopeState.tapeWindow(model.config)
    return p
  }

  static func makeTask(_ o: ScopeOptions) throws -> SequenceTask {
    // Reading a whole text, training takes windows of 25 characters (fewer for a short text).
    let wholeText = o.text ?? demoText
    let window = o.task == nil ? (o.length ?? min(25, max(1, wholeText.count - 2))) : o.length
    return try SequenceTask(
      kind: o.task ?? .text, length: window, delay: o.delay,
      alphabet: o.alphabet, text: o.task == nil ? wholeText : o.text)
  }

  /// A new model for the task, once its memory is known to fit (a text's vocabulary sets its sizes).
  static func makeModel(_ o: ScopeOptions, task: SequenceTask) throws -> Model {
    let c = ModelConfig(
      cell: o.cell, activation: o.cell == .rnn ? o.activation : .tanh, inputSize: task.inputSize,
      hiddenSize: o.hidden, numLayers: o.layers, outputSize: task.outputSize)
    if let refusal = ResourceEstimate.refusal(
      estimatedBytes(c, steps: task.sequenceLength, batch: o.batch))
    {
      throw ResourceRefusal(description: refusal)
    }
    return Model(config: c, parameters: o.initialization.parameters(c, seed: o.seed))
  }

  /// What the visualizer needs for a model of config `c`: its weights six times over (training's copies),
  /// the tape (up to twice its window) and training's workspace for `batch` sequences of `steps` steps (a
  /// chunk of the batch within `Trainer.workspaceBudget`, at least one sequence).
  public static func estimatedBytes(_ c: ModelConfig, steps: Int, batch: Int) -> Double {
    let weights =
      ResourceEstimate.bytes(
        cell: c.cell, input: c.inputSize, hidden: c.hiddenSize, layers: c.numLayers,
        output: c.outputSize, steps: 0, sequences: 0)
      + 6 * 8 * Double(c.embeddingCount ?? 0) * Double(c.inputSize)
    let tape = 2 * Double(tapeWindow(c)) * tapeBytesPerStep(c)
    let perSequence = BatchBPTT.bytesPerSequence(c, steps: max(steps, 1))
    return weights + tape
      + max(perSequence, min(Double(max(batch, 1)) * perSequence, Trainer.workspaceBudget))
  }

  /// One step's record on the tape, in bytes (states, gates, outputs, and bookkeeping).
  static func tapeBytesPerStep(_ c: ModelConfig) -> Double {
    let H = Double(c.hiddenSize)
    let L = Double(c.numLayers)
    return 8 * (L * (16 * H + Double(c.inputSize)) + 2 * Double(c.outputSize)) + 200 * (L + 1)
  }

  /// The demo text is read whole; a task's sequences come from its generator.
  static func firstExample(
    _ o: ScopeOptions, task: SequenceTask, generator g: inout SeededGenerator
  ) -> Example {
    if o.task == nil, let v = task.vocabulary {
      let tokens = v.encode(o.text ?? demoText)
      return Example(
        inputs: tokens.dropLast().map { .token($0) }, targets: tokens.dropFirst().map { .index($0) }
      )
    }
    return task.example(&g)
  }

  // MARK: - Reading the state

  public var config: ModelConfig { model.config }
  public var stepsTaken: Int { pass.stepCount }
  /// The first step still on the tape: earlier ones of a long sequence were forgotten (their inputs stay).
  public var firstKept: Int { pass.forgotten }
  /// What step t computed, while it is on the tape.
  public func record(_ t: Int) -> StepRecord? {
    t >= pass.forgotten && t < stepsTaken ? pass.steps[t - pass.forgotten] : nil
  }
  public var maxSteps: Int { example.inputs.count }
  public var isTraining: Bool { worker != nil }
  public var isAnimating: Bool { animation != nil }
  public var speed: Int { ScopeState.speeds[speedIndex] }
  public var title: String {
    let cell =
      config.cell == .rnn
      ? "vanilla RNN · \(config.activation.rawValue)" : config.cell.rawValue.uppercased()
    let what = options.task == nil ? "text" : "task \(task.kind.rawValue)"
    return "\(cell) · hidden \(config.hiddenSize)"
      + (config.numLayers > 1 ? " × \(config.numLayers) layers" : "")
      + " · \(what) · step \(stepsTaken)/\(maxSteps)"
  }

  /// A short label (1–2 characters) for the input at step t.
  public func inputLabel(_ t: Int) -> String {
    switch example.inputs[t] {
    case .token(let k): return tokenLabel(k)
    case .vector(let v):
      if task.kind == .adding { return v[1] == 1 ? "◆" : "·" }
      return v.first.map { $0 >= 0 ? "+" : "-" } ?? "?"
    }
  }

  /// How a token shows: its character for text, else a symbol (0–9, then letters; blank "_", cue "!").
  public func tokenLabel(_ k: Int) -> String {
    if let v = task.vocabulary { return String(v.character(k)) }
    if task.kind == .copy {
      if k == 0 { return "_" }
      if k == task.alphabet + 1 { return "!" }
    }
    let symbols = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    return k < symbols.count ? String(symbols[k]) : "#"
  }

  public func targetLabel(_ t: Int) -> String? {
    switch example.targets[t] {
    case .index(let k)?: return tokenLabel(k)
    case .vector(let v)?: return v.first.map { NumberFormat.short($0, digits: 2) }
    case nil: return nil
    }
  }

  /// The predicted class at step t (cross-entropy tasks).
  public func predictedToken(_ t: Int) -> Int? {
    guard task.loss == .crossEntropy, let r = record(t) else { return nil }
    let p = r.probabilities
    return p.indices.max { p[$0] < p[$1] }
  }

  /// Whether step t's prediction is right (nil without a target or where accuracy means nothing).
  public func isCorrect(_ t: Int) -> Bool? {
    guard let r = record(t), let y = example.targets[t] else { return nil }
    return task.correct(outputs: r.outputs, target: y)
  }

  /// The gradient norms per step of `layer` under the current measure (nil before `b`), for the steps on the
  /// tape: index i is step firstKept + i. During the backward animation, steps not yet reached are nil.
  public func gradientNorms(layer: Int) -> [Double?]? {
    guard let b = bptt else { return nil }
    let all: [Double]
    switch measure {
    case .last: all = b.lastLossHiddenGradNorms[layer]
    case .total: all = b.hiddenGradNorms[layer]
    case .cell: all = b.cellGradNorms?[layer] ?? b.hiddenGradNorms[layer]
    }
    guard let a = animation else { return all.map { Optional($0) } }
    return all.enumerated().map { $0.offset >= a ? $0.element : nil }
  }

  // MARK: - Changing the state

  /// One forward step on the sequence.
  @discardableResult
  public mutating func stepForward() -> Bool {
    let t = stepsTaken
    guard t < maxSteps else {
      message =
        "end of the sequence: all \(maxSteps) steps taken (r resets, n draws a new sequence)"
      return false
    }
    let record = pass.step(example.inputs[t], target: example.targets[t])
    cursor = t
    if bptt != nil {
      bptt = nil
      animation = nil
      message = "steps changed: b backpropagates over all \(stepsTaken)"
    }
    if let fault = ScopeState.nonFinite(record) {
      message =
        "step \(t + 1): \(fault) — the activations overflowed; the heatmap shows NaN magenta, +Inf white, −Inf black"
    }
    return true
  }

  /// What in a step stopped being finite, if anything: "h_t holds Inf", "the loss is NaN", …
  static func nonFinite(_ r: StepRecord) -> String? {
    func kind(_ v: [Double]) -> String? {
      if v.contains(where: \.isNaN) { return "NaN" }
      return v.contains(where: { $0.isInfinite }) ? "Inf" : nil
    }
    for (k, h) in r.hidden.enumerated() {
      if let what = kind(h) {
        return "h_t" + (r.hidden.count > 1 ? " of layer \(k + 1)" : "") + " holds \(what)"
      }
    }
    if let what = kind(r.cell.flatMap { $0 }) { return "c_t holds \(what)" }
    if let what = kind(r.outputs) { return "the output o_t holds \(what)" }
    if let l = r.loss, !l.isFinite { return "the loss is \(l.isNaN ? "NaN" : "Inf")" }
    return nil
  }

  /// A padded step (mask 0): the next input is consumed but the state carries over and no loss is added.
  @discardableResult
  public mutating func stepPadded() -> Bool {
    let t = stepsTaken
    guard t < maxSteps else {
      message = "end of the sequence"
      return false
    }
    pass.step(example.inputs[t], target: example.targets[t], active: false)
    cursor = t
    bptt = nil
    animation = nil
    return true
  }

  public mutating func stepBack() {
    guard stepsTaken > 0 else { return }
    guard !pass.steps.isEmpty else {
      message = "steps 1–\(firstKept) were forgotten: r goes back to the start"
      return
    }
    pass.truncate(to: pass.steps.count - 1)
    cursor = stepsTaken == 0 ? 0 : min(max(cursor, firstKept), max(firstKept, stepsTaken - 1))
    if pass.steps.isEmpty && firstKept > 0 { cursor = firstKept - 1 }
    bptt = nil
    animation = nil
  }

  public mutating func runToEnd() {
    stepForward(to: maxSteps, label: "stepping to the end")
    if work == nil { message = "ran to the end: \(stepsTaken) steps" }
  }

  /// BPTT over the steps taken, shown at once (animate: false) or walked back from T to 1. A long one
  /// runs on a thread of its own in the visualizer (see `LongWork`).
  public mutating func backward(animate: Bool = true, mode: BPTTMode = .full) {
    guard !pass.steps.isEmpty else {
      message = "no steps yet: step forward first (Space or →)"
      return
    }
    // The steps back cost about twice the steps forward.
    if !isQuick(steps: 3 * pass.steps.count) {
      work = LongWork(
        kind: .backward(BackwardJob(pass: pass, mode: mode), animate: animate),
        label: "backpropagating")
      message = work!.progress(self)
      return
    }
    show(backpropagate(pass, mode: mode), animate: animate)
  }

  /// Shows a BPTT result over the steps on the tape.
  mutating func show(_ b: BPTTResult, animate: Bool) {
    bptt = b
    if measure == .cell && config.cell != .lstm { measure = .last }
    let n = pass.steps.count
    animation = animate && n > 1 ? n - 1 : nil
    animationClock = 0
    message =
      "BPTT over \(n) step\(n == 1 ? "" : "s")"
      + (firstKept > 0
        ? " (steps \(firstKept + 1)–\(stepsTaken); the \(firstKept) before were forgotten)" : "")
      + ": total loss \(NumberFormat.short(pass.totalLoss))"
      + (animation != nil ? " — walking the gradient back (any key skips)" : "")
    if let bad = b.hiddenGradNorms.joined().first(where: { !$0.isFinite })
      ?? b.gradients.names.lazy
      .compactMap({ b.gradients[$0].first { !$0.isFinite } }).first
    {
      message! += " — some gradients are \(bad.isNaN ? "NaN" : "Inf") (the numbers overflowed)"
    }
  }

  /// Replays the steps taken with the current model (after the weights or the activation change).
  /// Long replays run in slices in the visualizer (see `LongWork`).
  mutating func replay() {
    let n = stepsTaken
    let hadGradients = bptt != nil
    let c = cursor
    let said = message
    pass = newPass()
    bptt = nil
    animation = nil
    cancelWork()
    stepForward(to: n, label: "replaying", cursorAfter: c, backwardAfter: hadGradients)
    if work == nil && message?.contains("overflowed") != true { message = said }
  }

  /// RNN: tanh → sigmoid → relu → tanh, same weights, steps replayed.
  public mutating func cycleActivation() {
    guard config.cell == .rnn else {
      message = "only the vanilla RNN has a choice of activation (this is \(config.cell.rawValue))"
      return
    }
    let order: [Activation] = [.tanh, .sigmoid, .relu]
    let next = order[(order.firstIndex(of: config.activation)! + 1) % order.count]
    model.config.activation = next
    options.activation = next
    replay()
    message =
      "activation: \(next.rawValue) — replayed \(stepsTaken) step\(stepsTaken == 1 ? "" : "s")"
  }

  public mutating func cycleMeasure() {
    let all: [GradientMeasure] = config.cell == .lstm ? [.last, .total, .cell] : [.last, .total]
    measure = all[((all.firstIndex(of: measure) ?? 0) + 1) % all.count]
    message = "gradient shown: \(measure.title), \(measure.explanation)"
  }

  public mutating func moveCursor(to t: Int) {
    guard stepsTaken > 0 else {
      cursor = 0
      return
    }
    cursor = min(max(t, firstKept), stepsTaken - 1)
  }

  public mutating func reset() {
    pass = newPass()
    bptt = nil
    animation = nil
    cursor = 0
    message = "reset to step 0"
  }

  /// The next sequence from the task (the demo text has only one).
  public mutating func newSequence() {
    guard options.task != nil else {
      message = "the text is one sequence; r goes back to its start"
      return
    }
    example = task.example(&exampleGenerator)
    reset()
    message = "a new sequence of \(maxSteps) steps"
  }

  public mutating func setSpeed(index: Int) {
    speedIndex = min(max(index, 0), ScopeState.speeds.count - 1)
  }

  /// Optimizer, learning rate, clipping and batch for the next training run.
  public mutating func setTrainingOptions(_ o: ScopeOptions) {
    options.optimizer = o.optimizer
    options.learningRate = o.learningRate
    options.clip = o.clip
    options.batch = o.batch
  }

  public mutating func changeSpeed(by d: Int) {
    speedIndex = min(max(speedIndex + d, 0), ScopeState.speeds.count - 1)
    message = "animation speed: \(speed) steps per second"
  }

  /// Replaces the model (and optionally the task); the sequence restarts.
  public mutating func rebuild(options o: ScopeOptions) throws {
    stopTraining()
    let t = try ScopeState.makeTask(o)
    let m = try ScopeState.makeModel(o, task: t)
    options = o
    task = t
    model = m
    exampleGenerator = SeededGenerator(seed: o.seed &+ 31)
    example = ScopeState.firstExample(o, task: t, generator: &exampleGenerator)
    history = TrainingHistory()
    deferredModel = nil
    cancelWork()
    trainedSteps = 0
    trainingFault = nil
    reset()
    if measure == .cell && m.config.cell != .lstm { measure = .last }
  }

  // MARK: - Training in the background

  public mutating func startTraining(steps: Int? = nil) {
    guard worker == nil else { return }
    let trainer = Trainer(task: task, config: trainConfig(), model: model)
    let w = TrainingWorker(trainer: trainer, maxSteps: steps)
    w.start()
    worker = w
    trainingFault = nil
    message = "training in the background (t stops)"
  }

  /// The training configuration for the current model and options; the data seed moves on with every
  /// step trained, so a restarted run sees new sequences.
  func trainConfig() -> TrainConfig {
    var c = TrainConfig()
    c.cell = config.cell
    c.activation = config.activation
    c.hidden = config.hiddenSize
    c.layers = config.numLayers
    c.optimizer = options.optimizer
    c.learningRate = options.learningRate
    c.clipNorm = options.clip
    c.batch = options.batch
    c.seed = options.seed &+ UInt64(trainedSteps)
    return c
  }

  public mutating func stopTraining() {
    guard let w = worker else { return }
    // The step under way is cancelled; the thread has ended before the worker is let go, so a `t` that
    // follows starts the only training thread there is.
    w.stop()
    w.join()
    let r = w.take()
    absorb(r.stats, r.model, r.fault)
    worker = nil
    message = "training stopped at step \(trainedSteps)"
  }

  mutating func absorb(_ stats: [StepStats], _ newModel: Model?, _ fault: String?) {
    for s in stats {
      trainedSteps += 1
      history.append(
        StepStats(
          step: trainedSteps, loss: s.loss, accuracy: s.accuracy, gradNorm: s.gradNorm,
          clipped: s.clipped, profile: []))
    }
    if let m = newModel {
      // One replay at a time: a model that comes during one waits for its end (the newest is kept).
      if work == nil {
        model = m
        modelsTaken += 1
        replay()
      } else {
        deferredModel = m
      }
    }
    if let f = fault {
      trainingFault = f
      message = "training stopped: \(f)"
    }
  }

  /// Advances time by `seconds`: the backward animation moves on, training results come in.
  /// Returns whether anything visible changed.
  public mutating func tick(seconds: Double) -> Bool {
    var changed = false
    if let a = animation {
      animationClock += seconds * Double(speed)
      let stepsToMove = Int(animationClock)
      if stepsToMove > 0 {
        animationClock -= Double(stepsToMove)
        let next = a - stepsToMove
        animation = next <= 0 ? nil : next
        if animation == nil {
          message =
            "BPTT over \(pass.steps.count) steps: the gradient reached step \(firstKept + 1)"
            + (firstKept > 0 ? " (the first kept; \(firstKept) before were forgotten)" : "")
        }
        changed = true
      }
    }
    if work != nil { changed = continueWork(budget: 0.025) || changed }
    if let w = worker {
      let r = w.take()
      if !r.stats.isEmpty || r.model != nil || r.fault != nil { changed = true }
      absorb(r.stats, r.model, r.fault)
      if r.finished {
        worker = nil
        if r.fault == nil { message = "training finished at step \(trainedSteps)" }
        changed = true
      }
    }
    return changed
  }

  // MARK: - Keys

  /// Handles one key press.
  public mutating func handle(_ key: Key) -> KeyOutcome {
    if let w = work {
      // Long work under way: Esc stops it, q and Ctrl-C quit; other keys wait for it.
      switch key {
      case .escape: stopWork()
      case .char("q"): return quit(0)
      case .ctrlC: return quit(130)
      case .resize, .mouse: break
      default: message = w.progress(self)
      }
      return .continueRunning
    }
    if commandLine.isOpen { return handleCommandLine(key) }
    if key == .resize { return .continueRunning }
    message = nil
    if animation != nil {
      // Any key skips the animation to its end.
      if key == .ctrlC { return .quit(exitCode: 130) }
      animation = nil
      if key != .char("q") { return .continueRunning }
    }
    if showHelp {
      switch key {
      case .char("q"): return quit(0)
      case .ctrlC: return quit(130)
      default:
        showHelp = false
        return .continueRunning
      }
    }
    switch key {
    case .char(" ") where presentation.map { !$0.finished } ?? false:
      var p = presentation!
      if let e = p.advance(&self) { message = "error: " + e }
      presentation = p
    case .char(" "): stepForward()
    case .right, .char("l"):
      if cursor < stepsTaken - 1 { cursor += 1 } else { stepForward() }
    case .left, .char("h"):
      if cursor > firstKept {
        cursor -= 1
      } else if stepsTaken == 0 {
        message = "no steps yet: Space or → steps forward"
      } else if firstKept > 0 {
        message = "steps 1–\(firstKept) were forgotten: the tape keeps the latest steps"
      }
    case .home: moveCursor(to: 0)
    case .end: moveCursor(to: stepsTaken - 1)
    case .backspace: stepBack()
    case .char("e"): runToEnd()
    case .char("b"): backward()
    case .char("B"): backward(animate: false)
    case .char("g"): cycleMeasure()
    case .char("s"): cycleActivation()
    case .char("r"): reset()
    case .char("n"): newSequence()
    case .char("t"): if isTraining { stopTraining() } else { startTraining() }
    case .char("+"), .char("="): changeSpeed(by: 1)
    case .char("-"), .char("_"): changeSpeed(by: -1)
    case .tab:
      let all = PanelID.allCases
      focus = all[(all.firstIndex(of: focus)! + 1) % all.count]
      message = "focus: \(focus.rawValue) panel (z zooms)"
    case .char("z"): zoomed.toggle()
    case .escape: zoomed = false
    case .char(":"): commandLine.open()
    case .char("?"): showHelp = true
    case .char("q"): return quit(0)
    case .ctrlC: return quit(130)
    case .mouse: break
    case .char(let c): message = "unknown key '\(c)' — press ? for the list of keys"
    default: message = "press ? for the list of keys"
    }
    return .continueRunning
  }

  mutating func quit(_ code: Int32) -> KeyOutcome {
    shutDown()
    return .quit(exitCode: code)
  }

  /// Before the process ends: no thread of this state's is left running (training, a long BPTT).
  public mutating func shutDown() {
    stopTraining()
    cancelWork()
  }

  mutating func handleCommandLine(_ key: Key) -> KeyOutcome {
    switch key {
    case .enter:
      let line = commandLine.submit()
      if line.trimmingCharacters(in: .whitespaces).isEmpty { return .continueRunning }
      switch Commands.execute(line, on: &self) {
      case .message(let m): message = m.split(separator: "\n").first.map(String.init) ?? m
      case .error(let e): message = "error: " + e
      case .say(let text): narration = text
      case .pause: message = "pause has meaning only in a session file"
      case .quit: return quit(0)
      }
    case .escape, .ctrlC: commandLine.close()
    case .tab: commandLine.complete(with: Commands.completions)
    default: commandLine.edit(key)
    }
    return .continueRunning
  }
}
