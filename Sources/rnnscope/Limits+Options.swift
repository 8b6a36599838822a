import ArgumentParser
import RNNCore

// The command line's wording of the engine's limits and refusals: every setting is an option.

extension Limits.Whole {
  /// "1–512", for an option's help.
  var span: String { "\(range.lowerBound)–\(range.upperBound)" }

  /// Refuses `value` for option `--name`: "--hidden must be between 1 and 512 (got 0)".
  func check(option name: String, _ value: Int?) throws {
    guard let value, let e = refusal(name, value) else { return }
    throw ValidationError(e.optionWording)
  }
}

extension Limits.Real {
  /// Refuses `value` for option `--name`: "--lr must be > 0 and ≤ 100 (got -1.0)".
  func check(option name: String, _ value: Double?) throws {
    guard let value, !contains(value) else { return }
    throw ValidationError("--\(name) must be \(rule) (got \(value))")
  }
}

extension SettingError {
  /// The refusal with each setting named as its option: "--length must be between 1 and 10000
  /// (got 0)".
  var optionWording: String { phrased { "--" + $0 } }
}
