import Foundation
import Testing

@testable import RNNCore

/// One sequence's W_hh as the step products read it (`KernelWeight`'s `alignedRows`): copied to
/// rows on cache lines of their own when W does not start on a line or its rows are not whole
/// lines, read in place otherwise; the step products give the same bits either way. Whether a
/// model's own array starts on a line depends on the allocator, so these place W by hand.
struct KernelWeightTests {
  /// W (count × width) at `offset` doubles past a 64-byte boundary, in a buffer that lives as
  /// long as the closure runs; a scratch space handing out 64-byte aligned buffers.
  static func placed<R>(
    count: Int, width: Int, offset: Int,
    _ body: (Rows, [Double], (Int) -> UnsafeMutablePointer<Double>) throws -> R
  ) rethrows -> R {
    var g = SeededGenerator(seed: 7)
    let values = (0..<(count * width)).map { _ in g.uniform(-1, 1) }
    var buffers: [UnsafeMutableRawPointer] = []
    defer { for b in buffers { b.deallocate() } }
    func space(_ n: Int) -> UnsafeMutablePointer<Double> {
      let p = UnsafeMutableRawPointer.allocate(byteCount: (n + 8) * 8, alignment: 64)
      buffers.append(p)
      return p.bindMemory(to: Double.self, capacity: n + 8)
    }
    let base = space(count * width + offset) + offset
    base.update(from: values, count: values.count)
    return try body(Rows(base, count: count, width: width), values, space)
  }

  @Test(arguments: [(16, 0, false), (16, 4, true), (16, 1, true), (100, 0, true), (37, 3, true)])
  func alignedRowsCopiesOnlyWhenNeeded(width: Int, offset: Int, copies: Bool) throws {
    try Self.placed(count: 24, width: width, offset: offset) { w, values, space in
      let k = KernelWeight(w, packTransposed: false, pack: false, alignedRows: true, space: space)
      #expect((k.w.base == w.base) == !copies)
      #expect(Int(bitPattern: k.w.base) % 64 == 0)
      #expect(k.w.stride == (copies ? (width + 7) / 8 * 8 : width))
      #expect(k.w.count == 24 && k.w.width == width)
      for r in 0..<24 {
        #expect(
          Array(UnsafeBufferPointer(start: k.w[r], count: width))
            == Array(
              values[(r * width)..<((r + 1) * width)]))
      }
    }
  }

  /// A step's products through the copy and through W in place, bit for bit: h · Wᵀ added to z
  /// (forward) and d · W (the carry back), for one row (one sequence), as the kernel runs them.
  @Test(arguments: [(16, 4), (100, 0), (100, 5), (37, 3), (128, 1)])
  func stepProductsAreTheSameThroughTheCopy(width: Int, offset: Int) throws {
    let count = 4 * width
    try Self.placed(count: count, width: width, offset: offset) { w, _, space in
      let k = KernelWeight(w, packTransposed: false, pack: false, alignedRows: true, space: space)
      var g = SeededGenerator(seed: 3)
      let h = (0..<width).map { _ in g.uniform(-1, 1) }
      let d = (0..<count).map { _ in g.uniform(-1, 1) }
      let z0 = (0..<count).map { _ in g.uniform(-1, 1) }
      func forward(_ weight: Rows) -> [Double] {
        var z = z0
        h.withUnsafeBufferPointer { hp in
          z.withUnsafeMutableBufferPointer { zp in
            MutableRows(zp.baseAddress!, count: 1, width: count).add(
              Rows(hp.baseAddress!, count: 1, width: width), timesTransposed: weight)
          }
        }
        return z
      }
      func carry(_ weight: Rows) -> [Double] {
        var out = [Double](repeating: .nan, count: width)
        d.withUnsafeBufferPointer { dp in
          out.withUnsafeMutableBufferPointer { op in
            MutableRows(op.baseAddress!, count: 1, width: width).set(
              Rows(dp.baseAddress!, count: 1, width: count), times: weight)
          }
        }
        return out
      }
      #expect(forward(k.w) == forward(w))
      #expect(carry(k.w) == carry(w))
      #expect(!forward(w).contains { $0.isNaN } && !carry(w).contains { $0.isNaN })
    }
  }
}
