import Foundation
import RNNCore

/// Prints what a command showed, as text or as one JSON object per command.
struct OutputPrinter {
  let json: Bool

  func emit(line: Int?, command: String, kind: String, text: String) {
    if json {
      var o: [String: Any] = ["command": command, "kind": kind, "output": text]
      if let line { o["line"] = line }
      if let d = try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]) {
        StandardOutput.write(d + Data("\n".utf8))
      }
    } else if !text.isEmpty {
      // Text from a session file reaches the terminal with its control characters escaped.
      StandardOutput.line(visible(kind == "say" ? "» " + text : text, keepNewlines: true))
    }
  }
}
