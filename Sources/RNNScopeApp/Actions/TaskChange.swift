import RNNCore

/// `task KIND [length=N] [delay=N] [alphabet=N] [bits=N]`: unset sizes take the task's defaults.
public struct TaskChange: Sendable, Equatable {
  public var kind: TaskKind
  public var length: Int?
  public var delay: Int?
  public var alphabet: Int?
  /// flipflop: its channels.
  public var bits: Int?
  public init(kind: TaskKind) { self.kind = kind }
}
