extension String {
  /// Padded with spaces on the left to `n` characters (a table's right-aligned column).
  func leftPad(_ n: Int) -> String {
    count >= n ? self : String(repeating: " ", count: n - count) + self
  }
}
