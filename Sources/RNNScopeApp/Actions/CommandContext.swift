import Foundation

/// Where an action runs: the visualizer (training in the background, results on the status line)
/// or headless (the REPL and `rnnscope run`: training on the spot, results printed); relative file
/// names are taken from `directory`.
public struct CommandContext: Sendable {
  /// Where the result of an action shows in the visualizer.
  public enum Echo: Sendable, Equatable {
    /// Not at all: a key's effect is the screen itself (and the messages the state sets).
    case none
    /// On the status line, as the `:` line shows what its command did.
    case statusLine
    /// As a presentation shows it: messages when not empty, errors with the session's FILE:LINE.
    case presentation(location: String)
  }

  public var headless: Bool
  public var directory: String
  public var echo: Echo

  public init(
    headless: Bool, directory: String = FileManager.default.currentDirectoryPath,
    echo: Echo = .none
  ) {
    self.headless = headless
    self.directory = directory
    self.echo = echo
  }

  /// A file name as typed, resolved against `directory` (and ~ expanded).
  func path(_ p: String) -> String {
    let expanded = (p as NSString).expandingTildeInPath
    return expanded.hasPrefix("/") ? expanded : directory + "/" + expanded
  }
}
