import RNNViews

/// Maps 24-bit colours to the palettes terminals have.
public enum ColorQuantizer {
  static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

  static func nearestLevel(_ v: UInt8) -> Int {
    var best = 0
    for i in 1..<cubeLevels.count where abs(cubeLevels[i] - Int(v)) < abs(cubeLevels[best] - Int(v))
    { best = i }
    return best
  }

  static func dist(_ a: (Int, Int, Int), _ b: RGB) -> Int {
    let dr = a.0 - Int(b.r)
    let dg = a.1 - Int(b.g)
    let db = a.2 - Int(b.b)
    return dr * dr + dg * dg + db * db
  }

  /// The nearest xterm-256 colour: the 6×6×6 cube (16–231) or the grey ramp (232–255).
  public static func xterm256(_ c: RGB) -> Int {
    let r = nearestLevel(c.r)
    let g = nearestLevel(c.g)
    let b = nearestLevel(c.b)
    let cube = (cubeLevels[r], cubeLevels[g], cubeLevels[b])
    let avg = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
    let grayIndex = min(23, max(0, (avg - 8 + 5) / 10))
    let grayLevel = 8 + 10 * grayIndex
    if dist((grayLevel, grayLevel, grayLevel), c) < dist(cube, c) { return 232 + grayIndex }
    return 16 + 36 * r + 6 * g + b
  }

  static let ansi: [(Int, Int, Int)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238),
    (205, 0, 205), (0, 205, 205), (229, 229, 229),
  ]

  /// The nearest of the 8 ANSI colours.
  public static func ansi8(_ c: RGB) -> Int {
    var best = 0
    for i in 1..<ansi.count where dist(ansi[i], c) < dist(ansi[best], c) { best = i }
    return best
  }
}
