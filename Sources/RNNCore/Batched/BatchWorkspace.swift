/// Scratch memory for `BatchBPTT`, kept from call to call and grown when a batch needs more. Not to
/// be shared between threads: each training loop owns one.
public final class BatchWorkspace: @unchecked Sendable {
  private var buffers: [UnsafeMutablePointer<Double>] = []
  private var sizes: [Int] = []

  /// The second thread that runs a batch's products over steps beside its recurrence (started on
  /// first use).
  lazy var pipeline = TaskPipeline()

  /// The workspaces of a split batch's two halves (`BatchBPTT.runSplit`), one per thread.
  lazy var halves = [BatchWorkspace(), BatchWorkspace()]

  public init() {}
  deinit { for b in buffers { b.deallocate() } }

  /// Buffer `slot`, with room for `count` values (its contents are whatever the last call left).
  func buffer(_ slot: Int, _ count: Int) -> UnsafeMutablePointer<Double> {
    while buffers.count <= slot {
      buffers.append(.allocate(capacity: 1))
      sizes.append(1)
    }
    if sizes[slot] < count {
      buffers[slot].deallocate()
      buffers[slot] = .allocate(capacity: count)
      sizes[slot] = count
    }
    return buffers[slot]
  }
}
