import Foundation
import RNNCore

/// Trains a copy of the model on a background thread and hands over what it measured; the UI thread
/// takes the results on its own schedule, so drawing never waits for training and training never
/// waits for drawing. `stop` cancels the step under way (between the recurrence's steps) and `join`
/// waits for the thread to end, so no training thread outlives its worker.
public final class TrainingWorker: @unchecked Sendable {
  private let lock = NSLock()
  private var trainer: Trainer
  private let cancellation = Cancellation()
  /// Signalled once, when the thread has ended.
  private let ended = DispatchSemaphore(value: 0)
  private var started = false
  private var pending: [StepStats] = []
  private var latestModel: Model?
  private var fault: String?
  private var finished = false
  /// The steps it trains, nil until stopped.
  let maxSteps: Int?

  public init(trainer: Trainer, maxSteps: Int? = nil) {
    self.trainer = trainer
    self.maxSteps = maxSteps
  }

  public func start() {
    lock.withLock { started = true }
    let t = Thread { [self] in self.loop() }
    t.stackSize = 8 << 20
    t.start()
  }

  private func loop() {
    var local = lock.withLock { trainer }
    var lastPublish = Date.distantPast
    var steps = 0
    while !cancellation.isCancelled {
      do {
        let st = try local.trainStep(cancel: cancellation)
        steps += 1
        let now = Date()
        let publishModel = now.timeIntervalSince(lastPublish) > 0.2
        if publishModel { lastPublish = now }
        lock.withLock {
          pending.append(st)
          if publishModel { latestModel = local.model }
        }
        if let m = maxSteps, steps >= m { break }
      } catch is Cancelled {
        break
      } catch {
        lock.withLock { fault = "\(error)" }
        break
      }
    }
    lock.withLock {
      latestModel = local.model
      trainer = local
      finished = true
    }
    ended.signal()
  }

  /// Asks the thread to stop: the step under way is dropped at its next step of the recurrence.
  public func stop() { cancellation.cancel() }

  /// Waits until the thread has ended (at once if it has, or never started).
  public func join() {
    guard lock.withLock({ started }) else { return }
    ended.wait()
    ended.signal()  // for any later join
  }

  /// What happened since the last call: new step statistics, the newest model if one was published,
  /// a fault message, and whether the thread has ended.
  public func take() -> (stats: [StepStats], model: Model?, fault: String?, finished: Bool) {
    lock.withLock {
      defer {
        pending.removeAll(keepingCapacity: true)
        latestModel = nil
        fault = nil
      }
      return (pending, latestModel, fault, finished)
    }
  }
}
