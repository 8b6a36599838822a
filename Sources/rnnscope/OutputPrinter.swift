import Foundation
import RNNCore
import RNNScopeApp

/// Prints what a command showed, as text or as one JSON object per command.
struct OutputPrinter {
  let json: Bool

  /// Runs one line on `state` and returns what it did, for the caller to print; nil when it was
  /// printed here: with JSON, a report, as an object carrying its numbers as `data` and the
  /// report's name as its `kind` (`show gradients` → "gradients", `find` → "find", `fixed` →
  /// "fixed").
  func execute(
    _ text: String, line: Int?, on state: inout ScopeState, context: CommandContext
  ) -> CommandResult? {
    let parsed = CommandLanguage.parse(text, state: state, context: context)
    let result = CommandLanguage.apply(parsed, on: &state, context: context)
    guard json, case .message(let m) = result, case .success(let action) = parsed else {
      return result
    }
    switch action {
    case .show(let r):
      emit(line: line, command: text, kind: r.rawValue, text: m, data: state.reportData(r))
    case .findUnits(let p, let top):
      emit(line: line, command: text, kind: "find", text: m, data: state.foundData(p, top: top))
    case .fixedPoints(.find):
      emit(line: line, command: text, kind: "fixed", text: m, data: state.fixedPointsData())
    default: return result
    }
    return nil
  }

  func emit(line: Int?, command: String, kind: String, text: String, data: ReportValue? = nil) {
    if json {
      var o: [String: Any] = ["command": command, "kind": kind, "output": text]
      if let line { o["line"] = line }
      if let data { o["data"] = data.foundation }
      if let d = try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]) {
        StandardOutput.write(d + Data("\n".utf8))
      }
    } else if !text.isEmpty {
      // Text from a session file reaches the terminal with its control characters escaped.
      StandardOutput.line(visible(kind == "say" ? "» " + text : text, keepNewlines: true))
    }
  }
}
