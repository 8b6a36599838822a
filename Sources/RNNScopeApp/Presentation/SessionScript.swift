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
