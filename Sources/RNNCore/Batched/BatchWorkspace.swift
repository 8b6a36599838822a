/// Scratch memory for `BatchBPTT`, kept from call to call and grown when a batch needs more. Not to
/// be shared between threads: each training loop owns one (only its `pipeline` is joined by the
/// thread of a split batch's other half).
public final class BatchWorkspace: @unchecked Sendable {
  private var buffers: [UnsafeMutablePointer<Double>] = []
  private var sizes: [Int] = []

  /// The second thread that runs a batch's products over steps beside its recurrence (started on
  /// first use). A constant: the other half of a split batch joins it from its own thread.
  let pipeline = TaskPipeline()

  /// The workspaces of a split batch's two halves (`BatchBPTT.runSplit`), one per thread.
  lazy var halves = [BatchWorkspace(), BatchWorkspace()]

  public init() {}
  deinit { for b in buffers { UnsafeMutableRawPointer(b).deallocate() } }

  /// Buffer `slot`, with room for `count` values (its contents are whatever the last call left),
  /// starting on a 64-byte cache line: an AVX-512 load of a packed panel's 8 values that straddles
  /// two lines is split in two, which slowed the packed GEMM markedly.
  func buffer(_ slot: Int, _ count: Int) -> UnsafeMutablePointer<Double> {
    func allocate(_ n: Int) -> UnsafeMutablePointer<Double> {
      UnsafeMutableRawPointer.allocate(byteCount: n * 8, alignment: 64)
        .bindMemory(to: Double.self, capacity: n)
    }
    while buffers.count <= slot {
      buffers.append(allocate(1))
      sizes.append(1)
    }
    if sizes[slot] < count {
      UnsafeMutableRawPointer(buffers[slot]).deallocate()
      buffers[slot] = allocate(count)
      sizes[slot] = count
    }
    return buffers[slot]
  }
}
