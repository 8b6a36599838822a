import Foundation

/// A report's numbers as data, for `run --json` and `repl --json`: JSON's values, numbers as
/// numbers. A number that is not finite (JSON has none) is written as null.
public enum ReportValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([ReportValue])
  case object([String: ReportValue])

  /// A list of numbers.
  static func numbers(_ v: [Double]) -> ReportValue { .array(v.map { .number($0) }) }

  /// A list of numbers with gaps (null where there is none).
  static func numbers(_ v: [Double?]) -> ReportValue {
    .array(v.map { $0.map { .number($0) } ?? .null })
  }

  /// Optional values as null.
  static func maybe(_ v: Double?) -> ReportValue { v.map { .number($0) } ?? .null }
  static func maybe(_ v: String?) -> ReportValue { v.map { .string($0) } ?? .null }

  /// The value as JSONSerialization takes it.
  public var foundation: Any {
    switch self {
    case .null: return NSNull()
    case .bool(let b): return b
    case .number(let x): return x.isFinite ? x : NSNull()
    case .string(let s): return s
    case .array(let a): return a.map(\.foundation)
    case .object(let o): return o.mapValues(\.foundation)
    }
  }
}
