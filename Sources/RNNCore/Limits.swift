import Foundation

/// The values the visualizer accepts, in one table: the `:` command line, `rnnscope tui` and saved
/// session files are all checked against these, so a value refused by one is refused by every other.
/// Each front end words the refusal its own way (an option, a command word, a file's field).
public enum Limits {
  /// A whole-number setting.
  public struct Whole: Sendable {
    public let range: ClosedRange<Int>
    public init(range: ClosedRange<Int>) { self.range = range }
    public func contains(_ v: Int) -> Bool { range.contains(v) }
    /// "from 1 to 512"
    public var bounds: String { "from \(range.lowerBound) to \(range.upperBound)" }
  }

  /// A real-valued setting: finite, and within `rule`.
  public struct Real: Sendable {
    /// How the allowed values read: "> 0 and ≤ 100".
    public let rule: String
    let accepts: @Sendable (Double) -> Bool
    public func contains(_ v: Double) -> Bool { v.isFinite && accepts(v) }
  }

  public static let hidden = Whole(range: 1...512)
  public static let layers = Whole(range: 1...4)
  public static let seed = Whole(range: 0...Int(Int32.max))
  /// Steps per sequence of a task (copy: the symbols to copy).
  public static let length = Whole(range: 1...1000)
  public static let delay = Whole(range: 0...1000)
  /// Symbols of echo and copy: as many as there are one-character labels (0–9, a–z).
  public static let alphabet = Whole(range: 2...36)
  public static let batch = Whole(range: 1...1024)
  /// N of `step N`, `back N`, `pad N`, `sample N`.
  public static let count = Whole(range: 1...100_000)
  /// N of `train N`.
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
}
