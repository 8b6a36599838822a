import RNNViews

/// The `:` command line: an editing buffer with a cursor, history (↑/↓) and Tab completion.
public struct CommandLineState: Sendable {
  public private(set) var isOpen = false
  public private(set) var buffer: [Character] = []
  public private(set) var cursor = 0
  public private(set) var history: [String] = []
  private var historyIndex: Int? = nil
  /// Candidates shown after an ambiguous Tab.
  public private(set) var candidates: [String] = []

  public init() {}

  public var text: String { String(buffer) }

  public mutating func open() {
    isOpen = true
    buffer = []
    cursor = 0
    historyIndex = nil
    candidates = []
  }
  public mutating func close() {
    isOpen = false
    candidates = []
  }

  /// Closes the line and returns it, remembering it in the history.
  public mutating func submit() -> String {
    let line = text
    if !line.trimmingCharacters(in: .whitespaces).isEmpty && history.last != line {
      history.append(line)
    }
    if history.count > 500 { history.removeFirst(history.count - 500) }
    close()
    return line
  }

  public mutating func edit(_ key: Key) {
    candidates = []
    switch key {
    case .char(let c):
      buffer.insert(c, at: cursor)
      cursor += 1
    case .backspace:
      if cursor > 0 {
        buffer.remove(at: cursor - 1)
        cursor -= 1
      } else if buffer.isEmpty {
        close()
      }
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(buffer.count, cursor + 1)
    case .home: cursor = 0
    case .end: cursor = buffer.count
    case .up:
      guard !history.isEmpty else { return }
      let i = historyIndex.map { max(0, $0 - 1) } ?? history.count - 1
      historyIndex = i
      buffer = Array(history[i])
      cursor = buffer.count
    case .down:
      guard let i = historyIndex else { return }
      if i + 1 < history.count {
        historyIndex = i + 1
        buffer = Array(history[i + 1])
      } else {
        historyIndex = nil
        buffer = []
      }
      cursor = buffer.count
    default: break
    }
  }

  /// Completes the word before the cursor from `words(previousWords)`: the common prefix of the
  /// matches.
  public mutating func complete(with words: ([String]) -> [String]) {
    let before = String(buffer[0..<cursor])
    var parts = before.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    let current = parts.popLast() ?? ""
    let matches = words(parts.filter { !$0.isEmpty }).filter { $0.hasPrefix(current) }.sorted()
    guard !matches.isEmpty else {
      candidates = []
      return
    }
    var common = matches[0]
    for m in matches.dropFirst() { while !m.hasPrefix(common) { common.removeLast() } }
    let addition = String(common.dropFirst(current.count)) + (matches.count == 1 ? " " : "")
    buffer.insert(contentsOf: addition, at: cursor)
    cursor += addition.count
    candidates = matches.count > 1 ? matches : []
  }
}
