import Foundation
import Testing

@testable import RNNCore
@testable import RNNFormats
@testable import RNNScopeApp
@testable import RNNViews

/// The view settings saved with a session — palette, colour range and its lock, held axes, pinned
/// profile and run — come back when it is loaded; a session saved before they were kept still
/// loads; a bad value is refused by its field and changes nothing.
struct SessionViewTests {
  static func run(_ lines: [String], on s: inout ScopeState, in dir: String) {
    let ctx = CommandContext(headless: true, directory: dir)
    for line in lines {
      if case .error(let e) = CommandLanguage.execute(line, on: &s, context: ctx) {
        Issue.record("\(line): \(e)")
      }
    }
  }

  /// A session with every view setting changed from its default, saved as `dir`/s.
  static func saved(in dir: String) throws -> ScopeState {
    var s = try ScopeState()
    run(
      [
        "task echo delay=2 length=8", "model hidden=4", "train 12", "step 8", "backward",
        "pin tanh, before", "pin panel=loss the tanh run", "axis lock from=-6 to=1",
        "axis lock panel=loss", "set palette=cividis range=data", "set range=lock",
        "save session s",
      ], on: &s, in: dir)
    return s
  }

  @Test func theViewSettingsComeBackWithTheSession() throws {
    let dir = try SessionFileTests.scratch("view")
    let s = try Self.saved(in: dir)
    #expect(s.view.pinned != nil && s.view.pinnedRun != nil && s.view.heldColors != nil)
    var t = try ScopeState()
    Self.run(["load session s"], on: &t, in: dir)
    #expect(t.view.palette == .cividis && t.view.colorRange == .data)
    #expect(t.view.heldColors == s.view.heldColors)
    #expect(t.view.gradientAxis == -6...1)
    #expect(t.view.lossAxis == s.view.lossAxis && t.view.gradNormAxis == s.view.gradNormAxis)
    #expect(t.view.pinned == s.view.pinned && t.view.pinned?.label == "tanh, before")
    #expect(t.view.pinnedRun == s.view.pinnedRun && t.view.pinnedRun?.label == "the tanh run")
    // And they are drawn: the pinned run's label on the training panel, the locked legend.
    Self.run(["set focus=training"], on: &t, in: dir)
    let text = ScopeGrid(t).grid.text
    #expect(text.contains("grey: the tanh run") && text.contains("(locked)"))
  }

  @Test func aSessionSavedBeforeViewSettingsLoadsWithTheDefaults() throws {
    // Written by rnnscope before sessions kept their view (the palette was cividis, range data).
    let old = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../Fixtures/SessionBeforeViewSettings/old.json").standardized.path
    let json = try String(contentsOfFile: old, encoding: .utf8)
    #expect(!json.contains("\"view\""))
    var s = try ScopeState()
    Self.run(["set palette=cividis", "set range=lock"], on: &s, in: "/")
    Self.run(["load session \(old)"], on: &s, in: "/")
    #expect(s.config.hiddenSize == 3 && s.stepsTaken == 5 && s.trainedSteps == 4)
    #expect(s.view.palette == .standard && s.view.colorRange == .auto && s.view.heldColors == nil)
    #expect(s.view.pinned == nil && s.view.pinnedRun == nil && s.view.gradientAxis == nil)
  }

  /// A field of the saved `view` set to a bad value, and what the refusal must say.
  static var crafted: [(field: String, value: Any, needle: String)] {
    [
      ("palette", "pink", "field \"view.palette\" is \"pink\"; allowed: default, cividis"),
      ("colorRange", "lock", "field \"view.colorRange\" is \"lock\"; allowed: auto, data, fixed"),
      ("gradientAxis", [3, 1], "field \"view.gradientAxis\" is [3, 1]; allowed: [from, to]"),
      ("gradientAxis", [0, 999], "two decades from -330 to 310"),
      ("lossAxis", [1.0], "field \"view.lossAxis\" is [1.0]; allowed: [from, to]"),
      ("gradNormAxis", "wide", "field \"view.gradNormAxis\" has the wrong type"),
      (
        "heldColors", ["signed": -1.0, "gates": [0.0, 1.0], "from": "auto"],
        "field \"view.heldColors.signed\" is -1.0; allowed: > 0"
      ),
      (
        "heldColors", ["signed": 1.0, "gates": [0.5, 0.2], "from": "auto"],
        "field \"view.heldColors.gates\" is [0.5, 0.2]"
      ),
      (
        "gradientPin", ["label": "x", "measure": "sideways", "first": 0, "norms": [1.0]],
        "field \"view.gradientPin.measure\" is \"sideways\""
      ),
      (
        "gradientPin", ["label": "x", "measure": "last", "first": 0, "norms": [1.0, -2.0]],
        "field \"view.gradientPin.norms[1]\" is -2.0; allowed: null or a number ≥ 0"
      ),
      (
        "gradientPin", ["label": "\u{1B}[2J", "measure": "last", "first": 0, "norms": [1.0]],
        "field \"view.gradientPin.label\" is \"\\u{1B}[2J\"; allowed: 1 to 200 characters"
      ),
      (
        "lossPin",
        [
          "label": "x", "steps": [1, 3, 2], "loss": [1.0, 1.0, 1.0], "gradNorm": [1.0, 1.0, 1.0],
        ],
        "field \"view.lossPin.steps[2]\" is 2; allowed: training steps from 1 up"
      ),
      (
        "lossPin", ["label": "x", "steps": [1, 2], "loss": [1.0], "gradNorm": [1.0, 1.0]],
        "field \"view.lossPin.steps\" is 2 steps, 1 losses, 2 norms"
      ),
      ("lossPin", ["label": "x", "steps": [1]], "field \"view.lossPin.loss\" is missing"),
    ]
  }

  @Test(arguments: crafted.indices)
  func aBadViewSettingIsRefusedByItsFieldAndChangesNothing(_ i: Int) throws {
    let c = Self.crafted[i]
    let dir = try SessionFileTests.scratch("badview")
    _ = try Self.saved(in: dir)
    let url = URL(fileURLWithPath: dir + "/s.json")
    var obj = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    var view = try #require(obj["view"] as? [String: Any])
    view[c.field] = c.value
    obj["view"] = view
    try JSONSerialization.data(withJSONObject: obj).write(to: url)
    var s = try ScopeState()
    Self.run(["model cell=gru hidden=3", "step 4", "set palette=cividis"], on: &s, in: dir)
    let before = (s.model, s.stepsTaken, s.view.palette)
    let r = CommandLanguage.execute(
      "load session s", on: &s, context: CommandContext(headless: true, directory: dir))
    guard case .error(let e) = r else {
      Issue.record("view.\(c.field) = \(c.value) accepted")
      return
    }
    #expect(e.contains(dir + "/s.json: ") && e.contains(c.needle), "\(c.field): \(e)")
    #expect(!e.contains("\u{1B}"), "control characters are shown escaped")
    #expect(s.model == before.0 && s.stepsTaken == before.1 && s.view.palette == before.2)
    #expect(s.view.pinned == nil && s.view.pinnedRun == nil, "a failed load changes nothing")
  }
}

extension SessionViewTests {
  /// JSON holds no infinity: a norm that overflowed is saved as null and loaded as no value.
  @Test func aNormPastWhatJSONHoldsIsSavedAsNull() throws {
    var v = ViewState()
    v.pinned = PinnedProfile(label: "relu", measure: .last, first: 0, norms: [1, .infinity, 2])
    let data = try JSONEncoder().encode(SessionView(v))
    #expect(String(decoding: data, as: UTF8.self).contains("[1,null,2]"))
    var back = ViewState()
    try JSONDecoder().decode(SessionView.self, from: data).apply(to: &back, path: "s.json")
    let norms = try #require(back.pinned?.norms)
    #expect(norms.count == 3 && norms[0] == 1 && norms[1].isNaN && norms[2] == 2)
  }
}
