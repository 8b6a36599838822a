import Foundation
import RNNCore
import RNNFormats

/// A session file (`*.rnns`): one command per line; `#` starts a comment; blank lines are skipped.
public struct SessionScript: Sendable {
  public let file: String
  public let lines: [(number: Int, text: String)]

  public struct Invalid: Error, CustomStringConvertible { public let description: String }

  public static func load(_ path: String) throws -> SessionScript {
    let data: Data
    do { data = try readBounded(path, limit: 1_000_000, what: "a session file") } catch let e
      as FileProblem
    {
      throw Invalid(description: "\(path): \(e.problem)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw Invalid(description: "\(path): not UTF-8 text")
    }
    return SessionScript(file: path, text: text)
  }

  public init(file: String, text: String) {
    self.file = file
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap {
      i, l in
      let t = l.trimmingCharacters(in: .whitespaces)
      return t.isEmpty || t.hasPrefix("#") ? nil : (i + 1, t)
    }
  }
}

/// A session played as a presentation: commands run until a `pause`; Space goes on.
public struct Presentation: Sendable {
  public let script: SessionScript
  public private(set) var next = 0
  public var finished: Bool { next >= script.lines.count }
  public var pauses: Int { script.lines.filter { $0.text.lowercased() == "pause" }.count }
  public private(set) var pausesPassed = 0
  /// A command started long work (see `LongWork`): the next commands run when it ends.
  public internal(set) var waitingForWork = false

  public init(script: SessionScript) { self.script = script }

  /// Runs commands up to the next pause (or the end). Returns an error as FILE:LINE: message.
  public mutating func advance(_ s: inout ScopeState) -> String? {
    let ctx = CommandContext(
      headless: false, directory: URL(fileURLWithPath: script.file).deletingLastPathComponent().path
    )
    while next < script.lines.count {
      let (number, text) = script.lines[next]
      next += 1
      switch Commands.execute(text, on: &s, context: ctx) {
      case .pause:
        pausesPassed += 1
        return nil
      case .say(let t): s.narration = t
      case .message(let m):
        if !m.isEmpty { s.message = m.split(separator: "\n").first.map(String.init) }
      case .error(let e):
        next = script.lines.count
        return "\(script.file):\(number): \(e)"
      case .quit:
        next = script.lines.count
        return nil
      }
      if s.work != nil {
        waitingForWork = true
        return nil
      }
    }
    return nil
  }
}
