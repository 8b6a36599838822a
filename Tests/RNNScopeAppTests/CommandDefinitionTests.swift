import Foundation
import Testing

@testable import RNNCore
@testable import RNNScopeApp

/// A command's help, its parser and its ranges come from one definition: help lists every command,
/// every example parses, the usage names exactly the options the parser accepts, and a value out
/// of an option's range is refused with that range.
struct CommandDefinitionTests {
  /// A state where every example can parse: three steps taken, so `cursor 2` fits.
  func stepped() throws -> ScopeState {
    var s = try ScopeState()
    s.apply(.step(count: 3))
    return s
  }

  @Test func helpListsEveryCommandAndEveryExampleParses() throws {
    var s = try stepped()
    let ctx = CommandContext(headless: true, directory: NSTemporaryDirectory())
    guard case .message(let list) = CommandLanguage.execute("help", on: &s) else {
      Issue.record("help")
      return
    }
    for c in CommandLanguage.definitions {
      #expect(list.contains(" \(c.name) ") || list.hasSuffix(" \(c.name)"), "help lists \(c.name)")
      #expect(c.usage.split(separator: " ").first.map(String.init) == c.name, "\(c.usage)")
      #expect(!c.examples.isEmpty, "\(c.name) has an example")
      for line in c.examples {
        let parsed = CommandLanguage.parse(line, state: s, context: ctx)
        if case .failure(let e) = parsed { Issue.record("\(line): \(e.message)") }
        if case .success(let a) = parsed { #expect(a != .none, "\(line)") }
      }
    }
  }

  @Test func helpNameSaysWhatEveryOptionDoesAndTakes() {
    for c in CommandLanguage.definitions {
      let h = CommandLanguage.help(c.name)
      for o in c.options {
        #expect(o.meaning?.isEmpty == false, "\(c.name) \(o.name) says what it does")
        #expect(h.contains(o.explanation), "help \(c.name) explains \(o.name)")
      }
    }
    #expect(
      CommandLanguage.help("model").contains(
        "hidden: hidden units per layer; a whole number from 1 to"))
  }

  @Test func theUsageNamesExactlyTheOptionsAndTheExamplesUseThemAll() throws {
    for c in CommandLanguage.definitions {
      // Options as the usage spells them: `[name=…]` and `name=X`.
      let named = Set(
        c.usage.split(whereSeparator: { " []|".contains($0) })
          .compactMap { w in w.firstIndex(of: "=").map { String(w[..<$0]) } })
      #expect(named == Set(c.options.map(\.name)), "\(c.name): usage \(named)")
      for o in c.options {
        #expect(
          c.examples.contains { $0.contains(" \(o.name)=") }, "\(c.name): an example uses \(o.name)"
        )
      }
    }
  }

  @Test func aValueOutOfAnOptionsRangeIsRefusedWithThatRange() throws {
    var s = try stepped()
    for c in CommandLanguage.definitions {
      for o in c.options {
        guard case .whole(let limit) = o.values else { continue }
        let example = c.examples.first { $0.contains(" \(o.name)=") }!
        let words = example.split(separator: " ").map {
          $0.hasPrefix("\(o.name)=") ? "\(o.name)=\(limit.range.upperBound + 1)" : String($0)
        }
        let line = words.joined(separator: " ")
        let r = CommandLanguage.execute(line, on: &s)
        #expect(
          r
            == .error(
              "\(o.name) must be a whole number \(limit.bounds) (got \(limit.range.upperBound + 1))"
            ), "\(line)")
      }
    }
  }

  /// The README's table of commands shows each command by its usage, as help does.
  @Test func theReadmeListsEveryCommandByItsUsage() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    for c in CommandLanguage.definitions {
      let shown = "`" + c.usage.replacingOccurrences(of: "|", with: "\\|") + "`"
      #expect(text.contains(shown), "README shows \(shown)")
    }
  }

  /// `set` checks every value before it sets any: a refused one changes nothing.
  @Test func aRefusedSetChangesNothing() throws {
    var s = try stepped()
    let speed = s.speed
    for line in ["set speed=7 measure=cell", "set speed=7 lr=abc", "set speed=7 focus=nowhere"] {
      guard case .error = CommandLanguage.execute(line, on: &s) else {
        Issue.record("\(line) accepted")
        continue
      }
      #expect(s.speed == speed && s.measure == .last, "\(line)")
    }
  }
}
