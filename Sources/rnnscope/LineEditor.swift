import CLineEdit
import Foundation
import RNNScopeApp

/// libedit line editing with history kept in ~/.rnnscope_history and Tab completion of the command language.
struct LineEditor {
    let historyPath = ((ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".rnnscope_history")

    init() {
        le_init(completeCommand)
        _ = le_read_history(historyPath)
    }

    func read(prompt: String) -> String? {
        guard let p = le_readline(prompt) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    func remember(_ line: String) { le_add_history(line) }

    func save() { _ = le_write_history(historyPath) }
}

/// libedit's completion callback: candidate `index` for `word` at the end of `line`.
private func completeCommand(_ line: UnsafePointer<CChar>?, _ word: UnsafePointer<CChar>?, _ index: Int32) -> UnsafeMutablePointer<CChar>? {
    let text = line.map { String(cString: $0) } ?? ""
    let current = word.map { String(cString: $0) } ?? ""
    var previous = text.split(separator: " ").map(String.init)
    if !text.hasSuffix(" ") && !previous.isEmpty { previous.removeLast() }
    let matches = Commands.completions(previous).filter { $0.hasPrefix(current) }.sorted()
    guard Int(index) < matches.count else { return nil }
    return strdup(matches[Int(index)])
}
