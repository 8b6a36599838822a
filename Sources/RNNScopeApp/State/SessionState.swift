import RNNCore

/// The model and what it runs on: the options it was built from, the task, the sequence stepped
/// through, the tape of steps taken and the BPTT result over them. `revision` counts the changes to
/// the tape, so work begun on one tape (a replay on a thread) can tell whether it still fits.
public struct SessionState: Sendable {
  public internal(set) var options: ScopeOptions
  public internal(set) var model: Model
  public internal(set) var task: SequenceTask
  /// The sequence stepped through.
  public internal(set) var example: Example {
    didSet { revision &+= 1 }
  }
  public internal(set) var pass: ForwardPass {
    didSet { revision &+= 1 }
  }
  /// BPTT over the steps taken; nil until `b`, and again after the steps change.
  public internal(set) var bptt: BPTTResult? {
    didSet { revision &+= 1 }
  }
  /// What `fixed` found last (dropped with the model; stale once its weights change).
  public internal(set) var fixedPoints: FoundFixedPoints?
  var exampleGenerator: SeededGenerator
  /// The steps taken with mask 0 (`pad`): a replay of the tape masks them again.
  var padded: Set<Int> = []
  /// Changes of the example, the tape or the BPTT result so far.
  public private(set) var revision = 0

  init(options: ScopeOptions) throws {
    self.options = options
    let t = try SessionState.makeTask(options)
    task = t
    let m = try SessionState.makeModel(options, task: t)
    model = m
    exampleGenerator = SeededGenerator(seed: options.seed &+ 31)
    example = SessionState.firstExample(options, task: t, generator: &exampleGenerator)
    pass = ForwardPass(model: m, loss: t.loss)
    pass.window = options.tapeWindow ?? SessionState.tapeWindow(m.config)
  }

  /// Step t of the example taken on `pass`: its input and target, padded (mask 0) if it was taken
  /// padded once, so a replay of the tape masks it again.
  func step(_ t: Int, on pass: inout ForwardPass) -> StepRecord {
    SessionState.step(t, of: example, padded: padded, on: &pass)
  }

  /// Step t taken on the session's own tape (as `step(_:on:)`).
  @discardableResult
  mutating func step(_ t: Int) -> StepRecord {
    SessionState.step(t, of: example, padded: padded, on: &pass)
  }

  private static func step(
    _ t: Int, of example: Example, padded: Set<Int>, on pass: inout ForwardPass
  ) -> StepRecord {
    pass.step(example.inputs[t], target: example.targets[t], active: !padded.contains(t))
  }

  /// A new tape for the current model and task.
  func newPass() -> ForwardPass {
    var p = ForwardPass(model: model, loss: task.loss)
    p.window = options.tapeWindow ?? SessionState.tapeWindow(model.config)
    return p
  }

  /// How many steps the tape keeps (it holds up to twice this before forgetting the oldest): about
  /// 128 MB of records, between 256 and 20,000 steps, so a long text streams through in bounded
  /// memory.
  public static func tapeWindow(_ c: ModelConfig) -> Int {
    min(20_000, max(256, Int(128e6 / tapeBytesPerStep(c))))
  }

  static func makeTask(_ o: ScopeOptions) throws -> SequenceTask {
    // Reading a whole text, training takes windows of 25 characters (fewer for a short text).
    let wholeText = o.text ?? demoText
    let read = o.vocabulary.map { $0.encode(wholeText).count } ?? wholeText.count
    let window = o.task == nil ? (o.length ?? min(25, max(1, read - 2))) : o.length
    return try SequenceTask(
      kind: o.task ?? .text, length: window, delay: o.delay,
      alphabet: o.alphabet, bits: o.task == .flipflop ? o.bits : nil,
      text: o.task == nil ? wholeText : o.text, vocabulary: o.vocabulary)
  }

  /// A new model for the task, once its memory is known to fit (a text's vocabulary sets its
  /// sizes).
  static func makeModel(_ o: ScopeOptions, task: SequenceTask) throws -> Model {
    if (o.embed ?? 0) > 0 && !task.readsTokens {
      throw CommandError(
        "embed: the \(task.kind.rawValue) task's inputs are vectors, not tokens; an embedding "
          + "looks tokens up (echo, copy, parity, text) — embed=0 for none")
    }
    let c = ModelConfig(
      cell: o.cell, activation: o.cell == .rnn ? o.activation : .tanh, hiddenSize: o.hidden,
      numLayers: o.layers, embed: o.embed, for: task)
    if let refusal = ResourceEstimate.refusal(
      estimatedBytes(c, steps: task.sequenceLength, batch: o.batch))
    {
      throw ResourceRefusal(description: refusal)
    }
    return Model(config: c, parameters: o.initialization.parameters(c, seed: o.seed))
  }

  /// What the visualizer needs for a model of config `c`: its weights six times over (training's
  /// copies), the tape (up to twice its window) and training's workspace for `batch` sequences of
  /// `steps` steps (a chunk of the batch within `Trainer.workspaceBudget`, at least one sequence).
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
}
