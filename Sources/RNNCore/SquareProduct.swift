import CLapackShim

/// C = A·B for n × n matrices through BLAS's dgemm (OpenBLAS, float64): the machine's GEMM peak,
/// the yardstick `rnnscope bench` sets beside the kernel's GFLOP/s.
public struct SquareProduct {
  public let n: Int
  private let a: [Double]
  private let b: [Double]
  private var c: [Double]

  public init(n: Int, seed: UInt64 = 1) {
    var g = SeededGenerator(seed: seed)
    self.n = n
    a = (0..<(n * n)).map { _ in g.uniform(-1, 1) }
    b = (0..<(n * n)).map { _ in g.uniform(-1, 1) }
    c = [Double](repeating: 0, count: n * n)
  }

  /// n³: the multiply-adds of one product.
  public var multiplyAdds: Double { Double(n) * Double(n) * Double(n) }

  /// One product on `threads` BLAS threads (at most the engine's cap, `rs_thread_cap`).
  public mutating func run(threads: Int) {
    let n32 = Int32(n)
    rs_blas_pin_threads(Int32(min(max(threads, 1), Int(rs_thread_cap()))))
    defer { rs_blas_pin_threads(0) }
    rs_gemm(0, 0, n32, n32, n32, 1, a, n32, b, n32, 0, &c, n32)
  }
}
