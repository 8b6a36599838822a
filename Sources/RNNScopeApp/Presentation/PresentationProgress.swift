/// Where a presentation stands, for the caption's title.
public struct PresentationProgress: Sendable, Equatable {
  public var pausesPassed: Int
  public var pauses: Int
  public var finished: Bool
}
