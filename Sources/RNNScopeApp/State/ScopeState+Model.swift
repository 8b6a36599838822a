import RNNCore

/// A new model, task, text or activation, and the view and training options.
extension ScopeState {
  /// Replaces the model (and optionally the task); the sequence restarts.
  mutating func rebuild(options o: ScopeOptions) throws {
    stopTraining()
    let t = try SessionState.makeTask(o)
    let m = try SessionState.makeModel(o, task: t)
    session.options = o
    session.task = t
    session.model = m
    // Units picked by `unit` and `find` were this model's.
    view.tracedUnits = []
    view.found = []
    session.fixedPoints = nil
    session.exampleGenerator = SeededGenerator(seed: o.seed &+ 31)
    session.example = SessionState.firstExample(o, task: t, generator: &session.exampleGenerator)
    cancelReplay()
    training = TrainingState()
    cancelWork()
    reset()
    if measure.isCellState && m.config.cell != .lstm { view.measure = .last }
  }

  /// Reads `text` as the sequence (character-level, like the demo); the model is rebuilt for its
  /// characters.
  mutating func useText(_ text: String) throws {
    var o = options
    o.task = nil
    o.text = text
    o.vocabulary = nil
    o.length = nil
    try rebuild(options: o)
  }

  /// RNN: tanh → sigmoid → relu → tanh, same weights, steps replayed.
  mutating func cycleActivation() {
    guard config.cell == .rnn else {
      view.message =
        "only the vanilla RNN has a choice of activation (this is \(config.cell.rawValue))"
      return
    }
    let order: [Activation] = [.tanh, .sigmoid, .relu]
    let next = order[(order.firstIndex(of: config.activation)! + 1) % order.count]
    session.model.config.activation = next
    session.options.activation = next
    replay()
    view.message =
      "activation: \(next.rawValue) — replayed \(stepsTaken) step\(stepsTaken == 1 ? "" : "s")"
  }

  mutating func setSpeed(index: Int) {
    view.speedIndex = min(max(index, 0), ViewState.speeds.count - 1)
  }

  mutating func changeSpeed(by d: Int) {
    setSpeed(index: view.speedIndex + d)
    view.message = "animation speed: \(speed) steps per second"
  }

  /// Optimizer, learning rate, clipping and batch for the next training run.
  mutating func setTrainingOptions(_ o: ScopeOptions) {
    session.options.optimizer = o.optimizer
    session.options.learningRate = o.learningRate
    session.options.clip = o.clip
    session.options.batch = o.batch
  }

  /// Tab: the next panel in focus order (the units panel while units are traced).
  mutating func focusNext() {
    let all = PanelID.allCases.filter { $0 != .units || !view.tracedUnits.isEmpty }
    view.focus = all[((all.firstIndex(of: focus) ?? -1) + 1) % all.count]
    view.message = "focus: \(focus.rawValue) panel (z zooms)"
  }
}
