/// A rectangle of cells: x, y of the top-left corner, width and height.
public struct Rect: Hashable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }
  /// The rectangle shrunk by `d` cells on every side.
  public func inset(_ d: Int) -> Rect {
    Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
  }
  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
}
