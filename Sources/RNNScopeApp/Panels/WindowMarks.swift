import RNNViews

/// Truncated BPTT's windows on the time axis: a bracket over the window that carried the last loss
/// back (├──┤, ASCII [--]), and ╷ (ASCII ') at the first step of every other window.
struct WindowMarks: Sendable, Equatable {
  var k1: Int
  var k2: Int
  /// The last loss's window, absolute steps (nil without a target).
  var last: ClosedRange<Int>?
  /// The first steps of the other windows, absolute.
  var starts: [Int]

  /// "TBPTT k1=5 k2=15 window", shorter where it must be.
  var wordings: [String] {
    ["TBPTT k1=\(k1) k2=\(k2) window", "TBPTT k1=\(k1) k2=\(k2)", "k1=\(k1) k2=\(k2)"]
  }

  /// Draws the marks on row `y` of a time-axis panel's inner rectangle, and the label when `label`,
  /// clear of the columns `keepClear` (the cursor's tag on a time row).
  func draw(
    into g: inout CellGrid, _ inner: Rect, y: Int, columns: TimeColumns, label: Bool,
    keepClear: ClosedRange<Int>? = nil, theme: Theme
  ) {
    let x0 = inner.x + TimeColumns.gutter
    let u = theme.glyphs.unicode
    func inView(_ x: Int) -> Bool { x >= x0 && x < inner.maxX }
    for t in starts {
      let x = columns.x(inner, t)
      if inView(x) { g.put(x, y, u ? "╷" : "'", fg: theme.dim) }
    }
    guard let w = last else { return }
    let lo = columns.x(inner, w.lowerBound)
    let hi = columns.x(inner, w.upperBound) + columns.width - 1
    for x in lo...max(lo, hi) where inView(x) {
      let ch: Unicode.Scalar =
        x == lo ? (u ? "├" : "[") : x == hi ? (u ? "┤" : "]") : (u ? "─" : "-")
      g.put(x, y, ch, fg: theme.accent)
    }
    guard label else { return }
    // Inside the bracket when it fits, else left of it, else right of it.
    let left = max(x0, inner.x)
    for text in wordings {
      let n = text.count
      let spots = [
        hi - lo - 1 >= n + 2 ? lo + 1 + (hi - lo - 1 - n) / 2 : nil,
        lo - 1 - n >= left ? lo - 1 - n : nil,
        hi + 2 + n <= inner.maxX ? hi + 2 : nil,
      ]
      let fits = spots.compactMap { $0 }.first { x in
        x >= left && x + n <= inner.maxX && !(keepClear?.overlaps(x...(x + n - 1)) ?? false)
      }
      if let x = fits {
        g.text(x, y, text, fg: theme.accent)
        return
      }
    }
  }
}
