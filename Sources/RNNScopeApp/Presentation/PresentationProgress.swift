/// Where a presentation stands, for the caption's title, and the sessions beside it.
public struct PresentationProgress: Sendable, Equatable {
  public var pausesPassed: Int
  public var pauses: Int
  public var finished: Bool
  /// The session's file name ("02-bptt-vanishing.rnns"), and the next one's beside it, if any.
  public var session = ""
  public var nextSession: String? = nil
  /// The list of sessions open (`L`): their names, the one selected, the one playing.
  public var menu: SessionMenu? = nil
}

/// The sessions beside the one playing, as the list `L` opens shows them.
public struct SessionMenu: Sendable, Equatable {
  public var names: [String]
  public var selected: Int
  public var playing: Int?
}
