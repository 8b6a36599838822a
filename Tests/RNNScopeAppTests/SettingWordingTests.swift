import Foundation
import Testing

@testable import RNNCore
@testable import RNNScopeApp

/// The engine's refusals carry the setting, its range and the value; the command language words
/// them its own way (`length=`), never as the command line's options (`--length`).
struct SettingWordingTests {
  @Test(arguments: [
    ("task echo length=0", "length must be a whole number from 1 to 1000 (got 0)"),
    (
      "task echo delay=30 length=10", "echo needs length= greater than delay= (length 10, delay 30)"
    ),
    ("task adding length=1", "adding needs length= of at least 2"),
  ])
  func theCommandLanguageNamesItsOwnSpelling(_ line: String, _ expected: String) throws {
    var s = try ScopeState()
    let r = CommandLanguage.execute(line, on: &s)
    #expect(r == .error(expected))
    #expect(!"\(r)".contains("--"))
  }

  @Test func theEngineNamesTheSettingPlainly() {
    #expect(throws: SequenceTask.Invalid.self) {
      try SequenceTask(kind: .echo, length: 3, delay: 5)
    }
    do {
      _ = try SequenceTask(kind: .echo, length: 3, delay: 5)
    } catch let e as SequenceTask.Invalid {
      #expect(e.setting.field == "length" && e.setting.value == 3)
      #expect(e.description == "echo needs length greater than delay (length 3, delay 5)")
      #expect(e.setting.phrased { "--" + $0 }.hasPrefix("echo needs --length greater than --delay"))
    } catch {
      Issue.record("\(error)")
    }
  }
}
