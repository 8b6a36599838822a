/// The state as it stood at a presentation's stop, to go back to: no thread of its own (training,
/// long work and a replay are left out). Restoring it starts training again if training ran until
/// stopped there (a session's `train` with no N), so the restored screen goes on as it did.
/// Equal by identity.
public struct Snapshot: Sendable, Equatable {
  let id: Int
  let state: ScopeState
  /// Training ran in the background, until stopped, when the stop was reached.
  let trains: Bool

  public static func == (a: Snapshot, b: Snapshot) -> Bool { a.id == b.id }
}

extension ScopeState {
  /// This state without its threads, as a presentation keeps it at each stop.
  func snapshot(id: Int) -> Snapshot {
    var s = self
    let trains = training.worker.map { $0.maxSteps == nil } ?? false
    s.training.worker = nil
    s.training.replay = nil
    s.training.tapeIsStale = false
    s.work = nil
    return Snapshot(id: id, state: s, trains: trains)
  }
}
