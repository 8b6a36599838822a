import Testing

@testable import RNNCore

/// A task's refusals carry the setting, its range and the value, worded plainly by the engine and
/// in the command line's words by `SequenceTask.Invalid` (what the front ends print today).
struct SettingErrorTests {
  static func refusal(_ make: () throws -> SequenceTask) -> SequenceTask.Invalid? {
    do {
      _ = try make()
      return nil
    } catch let e as SequenceTask.Invalid {
      return e
    } catch {
      return nil
    }
  }

  @Test func rangeRefusalsNameTheFieldAndItsLimits() throws {
    let e = try #require(Self.refusal { try SequenceTask(kind: .parity, length: 0) })
    #expect(e.setting.field == "length")
    #expect(e.setting.range == Limits.taskLength.range)
    #expect(e.setting.value == 0)
    #expect(e.setting.description == "length must be between 1 and 10000 (got 0)")
    #expect(e.description == "length must be between 1 and 10000 (got 0)")
    #expect(e.setting.phrased { "--" + $0 } == "--length must be between 1 and 10000 (got 0)")
    #expect(e.setting.phrased { "\($0)=" } == "length= must be between 1 and 10000 (got 0)")

    let d = try #require(Self.refusal { try SequenceTask(kind: .copy, delay: 10_001) })
    #expect(d.setting.field == "delay" && d.setting.range == Limits.taskDelay.range)
    let a = try #require(Self.refusal { try SequenceTask(kind: .echo, alphabet: 1) })
    #expect(a.setting.field == "alphabet" && a.setting.range == Limits.taskAlphabet.range)
    #expect(a.setting.phrased { "--" + $0 } == "--alphabet must be between 2 and 1000 (got 1)")
  }

  @Test func taskRulesKeepTheirWording() throws {
    let echo = try #require(Self.refusal { try SequenceTask(kind: .echo, length: 5, delay: 5) })
    #expect(echo.setting.rule == .greaterThan(.echo, field: "delay", value: 5))
    #expect(echo.setting.range.lowerBound == 6)
    #expect(echo.setting.description == "echo needs length greater than delay (length 5, delay 5)")
    #expect(
      echo.setting.phrased { "--" + $0 }
        == "echo needs --length greater than --delay (length 5, delay 5)")

    let adding = try #require(Self.refusal { try SequenceTask(kind: .adding, length: 1) })
    #expect(adding.setting.phrased { "--" + $0 } == "adding needs --length of at least 2")
    #expect(adding.setting.range.lowerBound == 2)

    let short = try #require(
      Self.refusal { try SequenceTask(kind: .text, length: 50, text: "short") })
    #expect(
      short.setting.phrased { "--" + $0 }
        == "the text has 5 characters; --length 50 needs at least 52")
    #expect(short.setting.range == 1...3)

    let flat = try #require(
      Self.refusal { try SequenceTask(kind: .text, length: 3, text: "aaaaaaaa") })
    #expect(flat.setting.field == "text" && flat.setting.value == 1)
    #expect(flat.description == "the text needs at least two different characters")
  }

  /// The visualizer's ranges lie within the engine's, so a value the visualizer takes never meets
  /// a second, different refusal from the task.
  @Test func visualizerLimitsLieWithinTheEngines() {
    for (narrow, wide) in [
      (Limits.length, Limits.taskLength), (Limits.delay, Limits.taskDelay),
      (Limits.alphabet, Limits.taskAlphabet), (Limits.hidden, Limits.trainHidden),
      (Limits.layers, Limits.trainLayers), (Limits.batch, Limits.trainBatch),
    ] {
      #expect(wide.range.contains(narrow.range.lowerBound))
      #expect(wide.range.contains(narrow.range.upperBound))
    }
  }
}
