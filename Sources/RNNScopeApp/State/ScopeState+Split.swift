import RNNCore
import RNNViews

/// The split view: a second model beside the first on the same sequence. It is not stepped by
/// actions of its own: after every action and every tick `syncSplit` makes its tape follow the
/// first model's (the same steps, padded where those were, and BPTT in the same mode when the first
/// has one), so everything that moves the first — keys, commands, long work, a presentation's
/// restore — moves both, and the cursor and the backward animation are the view's, shared.
extension ScopeState {
  /// Whether the split view is open.
  public var isSplit: Bool { split.isOpen }

  /// The second model as a state of its own, for reading only (the panels, the reports): this
  /// state's view (cursor, measure, animation) over the second session.
  public var secondModel: ScopeState? {
    guard let other = split.other else { return nil }
    var t = self
    t.session = other
    t.split = SplitState()
    t.training = TrainingState()
    t.work = nil
    // Without a cell state its hidden state's measure stands in for the cell state's.
    if other.model.config.cell != .lstm {
      if t.view.measure == .cell { t.view.measure = .total }
      if t.view.measure == .lastCell { t.view.measure = .last }
    }
    return t
  }

  /// What the first and the second model are called on screen.
  public var splitLabels: (first: String, second: String) { split.labels }

  /// Opens the split with a second model made from this one's options as `change` says (`model`'s
  /// and `init`'s way); the same task, sequence, seed and steps.
  mutating func openSplit(_ change: SplitChange) throws -> CommandResult {
    if isTraining {
      throw CommandError(
        "stop training first (t): a split compares two models on the same steps")
    }
    let o = change.options(from: options)
    var other = try SessionState(options: o)
    let sameShape =
      other.model.config.cell == config.cell
      && other.model.config.hiddenSize == config.hiddenSize
      && other.model.config.numLayers == config.numLayers
    if change.changesOnlyTheActivation && sameShape {
      // As `s` does: the same weights under another φ, trained or not.
      other.model.parameters = model.parameters
    }
    guard differs(other, o) else {
      let cell = other.model.config.cell
      if change.model.activation != nil && cell != .rnn {
        throw CommandError(
          "split: only the vanilla RNN has a choice of activation (this is \(cell.rawValue))")
      }
      if change.forgetBias != nil && cell != .lstm {
        throw CommandError("split: only an LSTM has a forget gate (this is \(cell.rawValue))")
      }
      throw CommandError(
        "split: that is the model shown (\(config.summary)) — change cell, activation (RNN), "
          + "hidden, layers, init, radius or forget-bias (LSTM)")
    }
    other.example = session.example
    other.exampleGenerator = session.exampleGenerator
    other.pass = other.newPass()
    other.pass.window = session.pass.window
    split.other = other
    split.change = change
    split.labels = ScopeState.labels(options, config, o, other.model.config, given: change.label)
    // The comparison is drawn in the gradient panel: it stays on screen when room is short.
    if view.focus == .heatmap { view.focus = .gradient }
    syncSplit()
    let (a, b) = split.labels
    var said =
      "split: █ \(a) above, ● \(b) below — stepping together, gradients on one axis (| closes)"
    if trainedSteps > 0 && !change.changesOnlyTheActivation {
      said += " — \(b) is untrained, \(a) trained \(trainedSteps) steps"
    }
    return .message(said)
  }

  /// Whether the second model differs from the first in more than its weights' training: the
  /// cell, sizes, activation (RNN), initialisation, or forget bias (LSTM).
  private func differs(_ other: SessionState, _ o: ScopeOptions) -> Bool {
    func effective(_ i: Initialization, _ c: ModelConfig) -> Initialization {
      var i = i
      if c.cell != .lstm { i.forgetBias = nil }
      return i
    }
    return other.model.config != config
      || effective(o.initialization, other.model.config)
        != effective(options.initialization, config)
  }

  /// The split closed; `|` opens the same comparison again.
  mutating func closeSplit(because why: String? = nil) -> CommandResult {
    guard isSplit else { return .message("not split (split … opens a comparison)") }
    split.other = nil
    return .message((why ?? "split off") + ": one model (| compares again)")
  }

  /// Why `t` and `train` are refused while split: training would change one model of the two.
  static let splitTrains =
    "training changes one model: split off (or |) first, train, then split again"

  /// After the first model was rebuilt (model, task, init, text, load): the comparison opened again
  /// on it, or closed when it no longer makes a different model. What to add to the message.
  mutating func resplit() -> String {
    guard isSplit, let c = split.change else { return "" }
    split.other = nil
    guard (try? openSplit(c)) != nil else { return " — split closed: | compares again" }
    return " — split again: \(split.labels.0) vs \(split.labels.1)"
  }

  /// `|`: the split closed, or the last comparison opened again on the model shown now.
  mutating func toggleSplit() throws -> CommandResult {
    if isSplit { return closeSplit() }
    guard let c = split.change else {
      return .message(
        "no comparison yet: split activation=sigmoid (or cell=gru, forget-bias=1 …) opens one")
    }
    return try openSplit(c)
  }

  /// Makes the second model's tape follow the first's: the same sequence, the same steps (padded
  /// where the first's were), and BPTT in the same mode when the first has one.
  mutating func syncSplit() {
    guard var o = split.other else { return }
    let p = session.pass
    if o.example != session.example || o.pass.forgotten > p.forgotten {
      o.example = session.example
      o.pass = o.newPass()
      o.pass.window = p.window
    }
    // The first step where the tapes part (steps forgotten by both are the same ones).
    var keep = min(o.pass.stepCount, p.stepCount) - o.pass.forgotten
    for i in 0..<max(0, keep) where i + o.pass.forgotten >= p.forgotten {
      let j = i + o.pass.forgotten - p.forgotten
      if o.pass.steps[i].active != p.steps[j].active {
        keep = i
        break
      }
    }
    var changed = false
    if o.pass.steps.count > max(0, keep) {
      o.pass.truncate(to: max(0, keep))
      changed = true
    }
    o.padded = session.padded
    while o.pass.stepCount < p.stepCount {
      o.step(o.pass.stepCount)
      changed = true
    }
    if changed { o.bptt = nil }
    if let b = session.bptt {
      if o.bptt?.mode != b.mode, !o.pass.steps.isEmpty {
        o.bptt = backpropagate(o.pass, mode: b.mode)
      }
    } else if o.bptt != nil {
      o.bptt = nil
    }
    split.other = o
  }

  /// The second model's gradient norms per step of its top layer under the current measure (nil
  /// before `b`); during the backward animation, steps not yet reached are nil.
  public var secondGradientNorms: [Double?]? { secondModel?.gradientNorms(layer: secondTop) }

  /// Every one of the second model's norms, revealed or not (they set the shared axis).
  public var secondWholeGradientNorms: [Double]? {
    secondModel?.wholeGradientNorms(layer: secondTop)
  }

  private var secondTop: Int { (split.other?.model.config.numLayers ?? 1) - 1 }

  /// The words for each model: the user's ("A vs B" names both, one word names the second), else
  /// what differs between them ("tanh" / "sigmoid", "forget bias 0" / "forget bias 1").
  static func labels(
    _ a: ScopeOptions, _ ca: ModelConfig, _ b: ScopeOptions, _ cb: ModelConfig, given: String?
  ) -> (String, String) {
    var first: [String] = []
    var second: [String] = []
    func add(_ x: String, _ y: String) {
      if x != y {
        first.append(x)
        second.append(y)
      }
    }
    func cell(_ c: ModelConfig) -> String { c.cell == .rnn ? "RNN" : c.cell.rawValue.uppercased() }
    add(cell(ca), cell(cb))
    if ca.cell == .rnn && cb.cell == .rnn {
      add(ca.activation.rawValue, cb.activation.rawValue)
    }
    add("hidden \(ca.hiddenSize)", "hidden \(cb.hiddenSize)")
    func layers(_ c: ModelConfig) -> String { "\(c.numLayers) layer\(c.numLayers == 1 ? "" : "s")" }
    add(layers(ca), layers(cb))
    let (ia, ib) = (a.initialization, b.initialization)
    add("\(ia.scheme.rawValue) init", "\(ib.scheme.rawValue) init")
    func radius(_ r: Double?) -> String {
      r.map { "ρ \(NumberFormat.compact($0))" } ?? "ρ as drawn"
    }
    add(radius(ia.radius), radius(ib.radius))
    if ca.cell == .lstm || cb.cell == .lstm {
      func bias(_ b: Double?, _ c: ModelConfig) -> String {
        c.cell != .lstm
          ? "no forget gate"
          : b.map { "forget bias \(NumberFormat.compact($0))" } ?? "default forget bias"
      }
      if ca.cell == cb.cell { add(bias(ia.forgetBias, ca), bias(ib.forgetBias, cb)) }
    }
    var derived = (first.joined(separator: ", "), second.joined(separator: ", "))
    if derived.0.isEmpty { derived = ("first", "second") }
    guard let given = given?.trimmingCharacters(in: .whitespaces), !given.isEmpty else {
      return derived
    }
    if let r = given.range(of: " vs ") {
      return (
        String(given[..<r.lowerBound]).trimmingCharacters(in: .whitespaces),
        String(given[r.upperBound...]).trimmingCharacters(in: .whitespaces)
      )
    }
    return (derived.0, given)
  }
}
