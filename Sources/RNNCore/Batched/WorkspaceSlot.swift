import Synchronization

/// A `BatchWorkspace` kept from call to call by an owner that may be copied (a `Trainer`): whoever
/// finds it in use — a copy on another thread — works in a fresh one instead.
final class WorkspaceSlot: @unchecked Sendable {
  private let busy = Atomic<Bool>(false)
  private let workspace = BatchWorkspace()

  func with<R>(_ body: (BatchWorkspace) throws -> R) rethrows -> R {
    guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    else {
      return try body(BatchWorkspace())
    }
    defer { busy.store(false, ordering: .releasing) }
    return try body(workspace)
  }
}
