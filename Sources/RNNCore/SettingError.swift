/// A setting the engine refuses: which one (its stable name, such as "length"), the values it
/// allows and the value it was given. The description names the setting plainly; each front end
/// names it its own way through `phrased(_:)` (`--length` on the command line, `length=` in the
/// command language), so the engine's words never speak of one front end's syntax.
public struct SettingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Why the value is refused: a plain bound, or a rule that ties it to the task or to another
  /// setting (`range` is then the values the rule leaves).
  public enum Rule: Sendable, Equatable {
    /// Outside `range`, the setting's own limits.
    case bounds
    /// Not greater than another setting, as the task needs (echo: the length must exceed the
    /// delay).
    case greaterThan(TaskKind, field: String, value: Int)
    /// Below the task's own minimum (adding: two steps, one marked value in each half).
    case taskMinimum(TaskKind)
    /// More steps than a text of this many characters holds (a window needs length + 2).
    case textCharacters(Int)
    /// A text of fewer than two different characters (`value` is how many it has).
    case distinctCharacters
  }

  /// The setting's stable name: "length", "delay", "alphabet", "text".
  public let field: String
  /// The values allowed, given the rest of the settings.
  public let range: ClosedRange<Int>
  /// The value given.
  public let value: Int
  public let rule: Rule

  public init(field: String, range: ClosedRange<Int>, value: Int, rule: Rule = .bounds) {
    self.field = field
    self.range = range
    self.value = value
    self.rule = rule
  }

  /// "length must be between 1 and 10000 (got 0)".
  public var description: String { phrased { $0 } }

  /// The refusal with every setting named by `name`: `phrased { "--" + $0 }` gives
  /// "--length must be between 1 and 10000 (got 0)".
  public func phrased(_ name: (String) -> String) -> String {
    switch rule {
    case .bounds:
      return
        "\(name(field)) must be between \(range.lowerBound) and \(range.upperBound) (got \(value))"
    case .greaterThan(let kind, let other, let otherValue):
      return "\(kind.rawValue) needs \(name(field)) greater than \(name(other)) "
        + "(\(field) \(value), \(other) \(otherValue))"
    case .taskMinimum(let kind):
      return "\(kind.rawValue) needs \(name(field)) of at least \(range.lowerBound)"
    case .textCharacters(let count):
      return "the text has \(count) characters; \(name(field)) \(value) needs at least \(value + 2)"
    case .distinctCharacters:
      return "the text needs at least two different characters"
    }
  }
}
