import Foundation
import RNNCore
import RNNViews

/// Training: in the background (the visualizer) or on the spot (headless), and taking the models
/// it publishes onto the screen.
extension ScopeState {
  mutating func startTraining(steps: Int? = nil) {
    guard training.worker == nil else { return }
    let trainer = Trainer(task: task, config: trainConfig(), model: model)
    let w = TrainingWorker(trainer: trainer, maxSteps: steps)
    w.start()
    training.worker = w
    training.fault = nil
    view.message = "training in the background (t stops)"
  }

  /// The training configuration for the current model and options; the data seed moves on with
  /// every step trained, so a restarted run sees new sequences.
  func trainConfig() -> TrainConfig {
    var c = TrainConfig()
    c.cell = config.cell
    c.activation = config.activation
    c.hidden = config.hiddenSize
    c.layers = config.numLayers
    c.embed = config.embedWidth
    c.optimizer = options.optimizer
    c.learningRate = options.learningRate
    c.clipNorm = options.clip
    c.batch = options.batch
    c.seed = options.seed &+ UInt64(trainedSteps)
    return c
  }

  mutating func stopTraining() {
    guard let w = training.worker else { return }
    // The step under way is cancelled; the thread has ended before the worker is let go, so a `t`
    // that follows starts the only training thread there is.
    w.stop()
    w.join()
    let r = w.take()
    absorb(r.stats, r.model, r.fault)
    training.worker = nil
    view.message = "training stopped at step \(trainedSteps)"
  }

  /// Trains `steps` steps on this thread (the REPL and `rnnscope run`); returns a summary.
  mutating func trainSynchronously(steps: Int) -> String {
    stopTraining()
    var trainer = Trainer(task: task, config: trainConfig(), model: model)
    var stats: [StepStats] = []
    var fault: String? = nil
    for _ in 0..<steps {
      do { stats.append(try trainer.trainStep()) } catch {
        fault = "\(error)"
        break
      }
    }
    absorb(stats, trainer.model, fault)
    guard let first = stats.first, let last = stats.last else {
      return "training stopped at once: \(fault ?? "no steps")"
    }
    var out =
      "trained \(stats.count) steps (\(trainedSteps) in all): "
      + "loss \(NumberFormat.short(first.loss)) → \(NumberFormat.short(last.loss))"
    if let a = last.accuracy { out += ", accuracy \(NumberFormat.short(a, digits: 2))" }
    out += ", ‖∇‖ \(NumberFormat.scientific(last.gradNorm))"
    if let f = fault { out += "\nstopped: \(f)" }
    return out
  }

  /// Takes what training measured and the newest model it published, if any.
  mutating func absorb(_ stats: [StepStats], _ newModel: Model?, _ fault: String?) {
    for s in stats {
      training.trainedSteps += 1
      training.history.append(
        StepStats(
          step: trainedSteps, loss: s.loss, accuracy: s.accuracy, gradNorm: s.gradNorm,
          clipped: s.clipped, profile: []))
    }
    if let m = newModel { take(m) }
    if let f = fault {
      training.fault = f
      view.message = "training stopped: \(f)"
    }
  }

  /// A model from training: from now on it is the model — what is saved, trained on and sampled,
  /// and whose spectrum shows. The tape follows: headless it is replayed at once; in the
  /// visualizer on a thread of its own (`ReplayJob`), the screen showing the old tape's numbers
  /// until the new ones are whole, so the UI thread never replays a long tape.
  mutating func take(_ m: Model) {
    session.model = m
    training.modelsTaken += 1
    guard interactive else {
      replay()
      return
    }
    refreshTape()
  }

  /// The tape replayed with the current model on a thread of its own, one replay at a time: while
  /// one runs, or long work does, the tape is marked stale and replayed when they end.
  mutating func refreshTape() {
    guard work == nil, training.replay == nil else {
      training.tapeIsStale = true
      return
    }
    training.tapeIsStale = false
    training.replay = ReplayJob(
      model: session.model, session: session, withGradients: session.bptt != nil,
      revision: session.revision)
  }

  /// A replay that has finished, taken when the tape is still the one it replayed (the user may
  /// have stepped meanwhile); then, if the model moved on meanwhile or the tape changed, the next
  /// replay begins. Nothing lands during long work (a BPTT under way is over the tape it began
  /// with). Returns whether anything changed.
  mutating func landReplay() -> Bool {
    guard work == nil else { return false }
    var changed = false
    if let job = training.replay {
      guard let r = job.result else { return false }
      training.replay = nil
      if job.revision == session.revision && r.pass.stepCount == stepsTaken {
        // The old tape's many small arrays are freed on another thread: on a long tape that is
        // most of what taking a model costs.
        let old = Discard(pass: session.pass, bptt: session.bptt)
        session.pass = r.pass
        session.bptt = r.bptt
        DispatchQueue.global(qos: .utility).async { old.drop() }
        view.animation = nil
        moveCursor(to: cursor)
        if let fault = r.fault { view.message = fault }
        changed = true
      } else {
        training.tapeIsStale = true
      }
    }
    if training.tapeIsStale { refreshTape() }
    return changed
  }

  /// Drops a replay under way (its thread stops within a step).
  mutating func cancelReplay() {
    training.replay?.cancelAndWait()
    training.replay = nil
    training.tapeIsStale = false
  }

  /// Training's results since the last tick; whether anything changed.
  mutating func takeTrainingResults() -> Bool {
    guard let w = training.worker else { return false }
    var changed = false
    let r = w.take()
    if !r.stats.isEmpty || r.model != nil || r.fault != nil { changed = true }
    absorb(r.stats, r.model, r.fault)
    if r.finished {
      training.worker = nil
      if r.fault == nil { view.message = "training finished at step \(trainedSteps)" }
      changed = true
    }
    return changed
  }

  /// Advances time by `seconds`: the backward animation moves on, long work gets a slice, training
  /// results and replays come in. Returns whether anything visible changed.
  public mutating func tick(seconds: Double) -> Bool {
    var changed = advanceAnimation(seconds: seconds)
    if work != nil { changed = continueWork(budget: 0.025) || changed }
    // A finished replay lands before newer models come in, so it is never thrown away.
    changed = landReplay() || changed
    changed = takeTrainingResults() || changed
    // Long work steps the first model in slices: the second follows each slice.
    if changed { syncSplit() }
    return changed
  }

  /// Before the process ends: no thread of this state's is left running (training, a long BPTT, a
  /// replay).
  public mutating func shutDown() {
    stopTraining()
    cancelWork()
    cancelReplay()
  }
}
