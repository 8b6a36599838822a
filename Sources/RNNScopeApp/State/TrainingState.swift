import RNNCore

/// Training in the background: the thread's worker, the curves measured so far, and the models it
/// published that the screen has yet to take.
public struct TrainingState: Sendable {
  var worker: TrainingWorker?
  public internal(set) var history = TrainingHistory()
  /// Why the last run stopped, if it failed.
  public internal(set) var fault: String?
  /// Training steps taken in this session, over every start and stop.
  public internal(set) var trainedSteps = 0
  /// Models from the training thread taken as the model (their tapes follow).
  public internal(set) var modelsTaken = 0
  /// The steps taken, replayed with a published model on a thread of its own (the visualizer).
  var replay: ReplayJob?
  /// The tape is older than the model: a replay follows when the one under way, or long work,
  /// ends.
  var tapeIsStale = false

  public var isTraining: Bool { worker != nil }
}
