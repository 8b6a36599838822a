import Synchronization

/// A request to stop long work early, made on one thread and read by the worker between steps. Work
/// that sees it stops at the next such point and throws `Cancelled`; what it had half-computed is
/// dropped.
public final class Cancellation: Sendable {
  private let requested = Atomic<Bool>(false)

  public init() {}

  public func cancel() { requested.store(true, ordering: .releasing) }

  public var isCancelled: Bool { requested.load(ordering: .acquiring) }
}
