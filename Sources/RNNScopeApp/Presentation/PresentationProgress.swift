/// Where a presentation stands, for the caption's title, and the sessions beside it.
public struct PresentationProgress: Sendable, Equatable {
  public var pausesPassed: Int
  public var pauses: Int
  public var finished: Bool
  /// Set when the user has changed the model or the steps since the stop the presentation stands
  /// at: the caption that stop showed, its live values as they were then (the caption shows it,
  /// with a note, rather than the same words over the changed screen's numbers).
  public var pauseCaption: String? = nil
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
