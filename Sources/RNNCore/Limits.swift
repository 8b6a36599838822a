import Foundation

/// The values every front end accepts, in one table. The visualizer's entries (the first group)
/// are shared by the `:` command line, `rnnscope tui` and saved session files, so a value refused
/// by one is refused by every other. The engine's tasks and the headless commands (`train`,
/// `sample`, `bench`) take wider ranges, named apart below; where both exist the visualizer's lie
/// within the engine's. Each front end words the refusal its own way (an option, a command word, a
/// field).
public enum Limits {
  /// A whole-number setting.
  public struct Whole: Sendable {
    public let range: ClosedRange<Int>
    public init(range: ClosedRange<Int>) { self.range = range }
    public func contains(_ v: Int) -> Bool { range.contains(v) }
    /// "from 1 to 512"
    public var bounds: String { "from \(range.lowerBound) to \(range.upperBound)" }
    /// The refusal of `value` for the setting named `field`, or nil when it is allowed.
    public func refusal(_ field: String, _ value: Int) -> SettingError? {
      contains(value) ? nil : SettingError(field: field, range: range, value: value)
    }
  }

  /// A real-valued setting: finite, and within `rule`.
  public struct Real: Sendable {
    /// How the allowed values read: "> 0 and ≤ 100".
    public let rule: String
    let accepts: @Sendable (Double) -> Bool
    public func contains(_ v: Double) -> Bool { v.isFinite && accepts(v) }
  }

  // The visualizer's. `rnnscope train` shares trainSteps and the real-valued ones from
  // learningRate to forgetBias; its sizes and the tasks' are the wider entries further down.
  public static let hidden = Whole(range: 1...512)
  public static let layers = Whole(range: 1...4)
  /// An embedding's width (0: one-hot inputs, no embedding).
  public static let embed = Whole(range: 0...512)
  public static let seed = Whole(range: 0...Int(Int32.max))
  /// Steps per sequence of a task (copy: the symbols to copy) the visualizer keeps on its tape;
  /// the engine takes up to `taskLength`.
  public static let length = Whole(range: 1...1000)
  public static let delay = Whole(range: 0...1000)
  /// Symbols of echo and copy: as many as there are one-character labels (0–9, a–z).
  public static let alphabet = Whole(range: 2...36)
  public static let batch = Whole(range: 1...1024)
  /// N of `step N`, `back N`, `pad N`, `sample N`.
  public static let count = Whole(range: 1...100_000)
  /// N of `train N`, and `rnnscope train --steps`.
  public static let trainSteps = Whole(range: 1...10_000_000)
  /// Characters of a text read as the sequence.
  public static let textCharacters = Whole(range: 2...100_000)
  /// Training steps a session has taken (a saved count, checked when loaded).
  public static let trainedSteps = Whole(range: 0...1_000_000_000_000)
  /// Truncated BPTT's k1 and k2.
  public static let truncation = Whole(range: 1...100_000)

  public static let learningRate = Real(rule: "> 0 and ≤ 100") { $0 > 0 && $0 <= 100 }
  public static let clip = Real(rule: "≥ 0 (0 = off)") { $0 >= 0 }
  public static let radius = Real(rule: "> 0 and ≤ 100") { $0 > 0 && $0 <= 100 }
  public static let forgetBias = Real(rule: "within ±100") { abs($0) <= 100 }
  public static let temperature = Real(rule: "> 0 and ≤ 100") { $0 > 0 && $0 <= 100 }
  /// The visualizer's `fixed`: starts of the search, and the q below which a point is fixed.
  public static let fixedStarts = Whole(range: 1...1000)
  public static let fixedTolerance = Real(rule: "> 0 and ≤ 1") { $0 > 0 && $0 <= 1 }
  /// An end of a held axis (`axis lock from=X to=X`): a loss, or a decade of the gradient's.
  public static let axisEnd = Real(rule: "within ±1e6") { abs($0) <= 1e6 }

  // The engine's tasks (`SequenceTask`, and so `rnnscope train`): wider than the visualizer's
  // `length`, `delay` and `alphabet`, whose tape and labels are made for fewer.
  /// Steps per sequence of a task (copy: the symbols to copy).
  public static let taskLength = Whole(range: 1...10_000)
  public static let taskDelay = Whole(range: 0...10_000)
  public static let taskAlphabet = Whole(range: 2...1000)
  /// Channels of the flip-flop task.
  public static let taskBits = Whole(range: 1...16)

  // `rnnscope train`, headless: larger models than the visualizer draws.
  public static let trainHidden = Whole(range: 1...4096)
  public static let trainLayers = Whole(range: 1...8)
  public static let trainBatch = Whole(range: 1...4096)
  /// `--sample`: characters sampled after training (0 = none).
  public static let trainSample = Whole(range: 0...1_000_000)
  public static let logEvery = Whole(range: 1...10_000_000)
  /// Characters of `--text` for training.
  public static let trainTextCharacters = Whole(range: 0...50_000_000)
  /// SGD's momentum.
  public static let momentum = Real(rule: "in [0, 1)") { $0 >= 0 && $0 < 1 }
  /// Clipping of every gradient entry to ±this.
  public static let clipValue = Real(rule: "≥ 0") { $0 >= 0 }

  // `rnnscope sample` (and train's `--temperature`).
  /// Characters to generate.
  public static let sampleLength = Whole(range: 1...1_000_000)
  public static let sampleTemperature = Real(rule: "> 0") { $0 > 0 }

  /// `rnnscope bench`: seconds per workload.
  public static let benchSeconds = Real(rule: "> 0 and ≤ 600") { $0 > 0 && $0 <= 600 }
}
