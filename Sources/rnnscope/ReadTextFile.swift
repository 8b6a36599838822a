import ArgumentParser
import Foundation
import RNNCore
import RNNFormats

/// Reads a UTF-8 text file named by --text, or says what is wrong with it and exits 1.
func readTextFile(_ path: String, command: String, characters: ClosedRange<Int>) throws -> String {
  func fail(_ problem: String) -> ExitCode {
    printError("\(command): --text \(path): \(problem)")
    return ExitCode(1)
  }
  // At most 4 bytes a character in UTF-8: the size is checked before anything is read.
  let data: Data
  do {
    data = try readBounded(path, limit: 4 * characters.upperBound + 4, what: "--text")
  } catch let e as FileProblem {
    throw fail(e.problem)
  }
  guard let s = String(data: data, encoding: .utf8) else { throw fail("not UTF-8 text") }
  guard characters.contains(s.count) else {
    throw fail(
      "needs \(characters.lowerBound) to \(characters.upperBound) characters, has \(s.count)")
  }
  return s
}
