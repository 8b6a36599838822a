/// The state as it stood at a presentation's stop, to go back to: no thread of its own (training,
/// long work and a replay are left out), so restoring it starts nothing. Equal by identity.
public struct Snapshot: Sendable, Equatable {
  let id: Int
  let state: ScopeState

  public static func == (a: Snapshot, b: Snapshot) -> Bool { a.id == b.id }
}

extension ScopeState {
  /// This state without its threads, as a presentation keeps it at each stop.
  func snapshot(id: Int) -> Snapshot {
    var s = self
    s.training.worker = nil
    s.training.replay = nil
    s.training.tapeIsStale = false
    s.work = nil
    return Snapshot(id: id, state: s)
  }
}
