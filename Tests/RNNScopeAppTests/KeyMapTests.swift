import Testing

@testable import RNNScopeApp
@testable import RNNViews

/// Every key the help lists does something: the key map gives it an action, never the "unknown
/// key" notice.
struct KeyMapTests {
  /// The keys a help line names: "→  l" is → and l, "Ctrl-C" is Ctrl-C.
  static func keys(_ line: String) -> [Key] {
    line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.map {
      switch $0 {
      case "Space": return .char(" ")
      case "Backspace": return .backspace
      case "Tab": return .tab
      case "Esc": return .escape
      case "Home": return .home
      case "End": return .end
      case "Ctrl-C": return .ctrlC
      case "→": return .right
      case "←": return .left
      case "PageDown": return .pageDown
      case "PageUp": return .pageUp
      case "↑": return .up
      case "↓": return .down
      // The C shim reports the mouse wheel as ↑ and ↓.
      case "wheel": return .up
      default: return .char(Character($0))
      }
    }
  }

  @Test func everyKeyTheHelpListsHasAnAction() throws {
    let s = try ScopeState()
    for b in KeyMap.bindings {
      for key in Self.keys(b.keys) {
        let a = KeyMap.action(for: key, state: s, presentation: .presenting)
        if case .notice = a { Issue.record("\(b.keys): \(key) means nothing") }
      }
    }
    // A key the help does not list is unknown, and says so.
    guard case .notice(let said?) = KeyMap.action(for: .char("Z"), state: s)
    else {
      Issue.record("Z is not unknown")
      return
    }
    #expect(said.contains("unknown key 'Z'"))
  }
}
