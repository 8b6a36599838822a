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

  /// The file's name without its folder.
  public static func name(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

  /// The session files (`*.rnns`) in `path`'s folder, sorted by name.
  public static func siblings(of path: String) -> [String] {
    let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
    return sessions(in: dir.path)
  }

  /// The session files (`*.rnns`) in the folder `dir`, sorted by name.
  public static func sessions(in dir: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.filter { $0.hasSuffix(".rnns") }.sorted().map { dir + "/" + $0 }
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
