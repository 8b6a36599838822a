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

  mutating func stopTraining() {
    guard let w = training.worker else { return }
    // The step under way is cancelled; the thread has ended before the worker is let go, so a `t` that
    // follows starts the only training thread there is.
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
    if let m = newModel {
      // One replay at a time: a model that comes during other work waits for its end (the newest
      // is kept).
      if work == nil { take(m) } else { training.deferredModel = m }
    }
    if let f = fault {
      training.fault = f
      view.message = "training stopped: \(f)"
    }
  }

  /// A model from training onto the screen. Headless, its steps are replayed at once; in the
  /// visualizer on a thread of their own (`ReplayJob`), and the screen shows the old model's
  /// numbers until the new ones are whole, so the UI thread never replays a long tape.
  mutating func take(_ m: Model) {
    guard interactive else {
      session.model = m
      training.modelsTaken += 1
      replay()
      return
    }
    cancelReplay()
    training.replay = ReplayJob(
      model: m, session: session, withGradients: session.bptt != nil, revision: session.revision)
  }

  /// A replay that has finished: taken when the tape is still the one it replayed, else begun again
  /// on the tape as it is now (the steps changed meanwhile). Returns whether anything changed.
  mutating func landReplay() -> Bool {
    guard let job = training.replay, let r = job.result else { return false }
    training.replay = nil
    guard job.revision == session.revision, r.pass.stepCount == stepsTaken else {
      take(job.model)
      return false
    }
    // The old tape's many small arrays are freed on another thread: on a long tape that is most
    // of what taking a model costs.
    let old = Discard(pass: session.pass, bptt: session.bptt)
    session.model = job.model
    session.pass = r.pass
    session.bptt = r.bptt
    DispatchQueue.global(qos: .utility).async { old.drop() }
    view.animation = nil
    training.modelsTaken += 1
    moveCursor(to: cursor)
    if let fault = r.fault { view.message = fault }
    return true
  }

  /// Drops a replay under way (its thread stops within a step).
  mutating func cancelReplay() {
    training.replay?.cancelAndWait()
    training.replay = nil
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
    changed = takeTrainingResults() || changed
    changed = landReplay() || changed
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
