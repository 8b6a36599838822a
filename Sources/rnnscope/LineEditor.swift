import CLineEdit
import Foundation
import RNNScopeApp

/// libedit line editing with history kept in ~/.rnnscope_history and Tab completion of the command
/// language. The history file is rewritten after every line, atomically, so that neither Ctrl-C nor
/// a full disk loses it.
final class LineEditor {
  let historyPath = ((ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) as NSString)
    .appendingPathComponent(".rnnscope_history")
  /// The newest lines kept, in memory and in the file.
  static let historyLimit: Int32 = 1000
  private var warned = false

  init() {
    le_init(completeCommand, Self.historyLimit)
    _ = le_read_history(historyPath)
  }

  func read(prompt: String) -> String? {
    guard let p = le_readline(prompt) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }

  /// Adds `line` to the history and saves it at once.
  func remember(_ line: String) {
    le_add_history(line)
    let e = le_save_history(historyPath)
    // Once a session: the REPL goes on, and the old file stays as it was.
    if e != 0 && !warned {
      warned = true
      let reason =
        e > 0
        ? String(cString: strerror(e))
        : "it came out short (is the disk full?)"
      StandardOutput.toStandardError(
        "rnnscope: cannot save the history to \(historyPath): "
          + reason + "; the file on disk is unchanged\n")
    }
  }
}

/// libedit's completion callback: candidate `index` for `word` at the end of `line`.
private func completeCommand(
  _ line: UnsafePointer<CChar>?, _ word: UnsafePointer<CChar>?, _ index: Int32
) -> UnsafeMutablePointer<CChar>? {
  let text = line.map { String(cString: $0) } ?? ""
  let current = word.map { String(cString: $0) } ?? ""
  var previous = text.split(separator: " ").map(String.init)
  if !text.hasSuffix(" ") && !previous.isEmpty { previous.removeLast() }
  let matches = CommandLanguage.completions(previous).filter { $0.hasPrefix(current) }.sorted()
  guard Int(index) < matches.count else { return nil }
  return strdup(matches[Int(index)])
}
