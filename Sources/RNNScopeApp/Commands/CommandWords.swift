import Foundation
import RNNCore

/// One command line, split: the name, the positional words, the key=value options (checked against
/// the command's definition) and the rest of the line after the name. Its readers check each
/// value against the option's range and word a refusal in the command language's terms (`length=`).
public struct CommandWords: Sendable {
  public let name: String
  public let definition: CommandDefinition
  public let positional: [String]
  public let options: [String: String]
  /// Everything after the name, trimmed.
  public let rest: String
  /// Where the command runs (headless: the REPL and `rnnscope run`).
  public let context: CommandContext

  /// Splits `line` for a command configured by `c`; an option it does not have is refused.
  init(
    line: String, name: String, definition c: CommandDefinition, context: CommandContext
  ) throws {
    self.name = name
    self.definition = c
    self.context = context
    let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    rest = String(line.dropFirst(parts[0].count)).trimmingCharacters(in: .whitespaces)
    var positional: [String] = []
    var options: [String: String] = [:]
    var words = Array(parts.dropFirst())
    // A text option (sample's prime=…) takes the rest of the line.
    for o in c.options {
      guard case .text = o.values,
        let i = words.firstIndex(where: { $0.hasPrefix(o.name + "=") })
      else { continue }
      options[o.name] = words[i...].joined(separator: " ").dropFirst(o.name.count + 1).description
      words = Array(words[..<i])
    }
    if !c.takesRestOfLine {
      for p in words {
        guard let eq = p.firstIndex(of: "=") else {
          positional.append(p)
          continue
        }
        let k = String(p[..<eq]).lowercased()
        guard c.options.contains(where: { $0.name == k }) else {
          throw CommandError(
            "\(name) has no option '\(k)'"
              + CommandLanguage.suggestion(k, among: c.options.map(\.name))
              + " — usage: \(c.usage)")
        }
        options[k] = String(p[p.index(after: eq)...])
      }
    }
    // A command of options alone refuses a bare word rather than ignore it (`model lstm` would
    // build the default cell), naming the option whose value it is.
    if c.arguments.isEmpty, c.count == nil, !c.takesRestOfLine, let word = positional.first {
      let owner = c.options.first { o in
        if case .oneOf(let all) = o.values { return all.contains(word.lowercased()) }
        return false
      }
      throw CommandError(
        "\(name) takes key=value options, not '\(word)'"
          + (owner.map { " (did you mean \($0.name)=\(word.lowercased())?)" } ?? "")
          + " — usage: \(c.usage)")
    }
    self.positional = positional
    self.options = options
  }

  /// "usage: step [N]", as a refusal.
  public var usageError: CommandError { CommandError("usage: \(definition.usage)") }

  /// The i-th positional word as a count N (`default` when absent), from 1 to `max` (by default
  /// the most the command's definition allows).
  public func count(_ i: Int = 0, default d: Int = 1, max: Int? = nil) throws -> Int {
    let m = max ?? definition.count?.range.upperBound ?? Limits.count.range.upperBound
    guard i < positional.count else { return d }
    guard let n = Int(positional[i]), n >= 1, n <= m else {
      throw CommandError(
        "\(name): N must be a whole number from 1 to \(m) (got \(positional[i]))")
    }
    return n
  }

  /// A whole-number option within its range, nil when not given.
  public func int(_ option: CommandOption) throws -> Int? {
    guard let v = options[option.name] else { return nil }
    guard case .whole(let limit) = option.values, let n = Int(v), limit.contains(n) else {
      throw CommandError("\(option.explanationForRefusal) (got \(v))")
    }
    return n
  }

  /// A real-valued option within its range, nil when not given.
  public func double(_ option: CommandOption) throws -> Double? {
    guard let v = options[option.name] else { return nil }
    guard case .real(let limit) = option.values, let x = Double(v), limit.contains(x) else {
      throw CommandError("\(option.explanationForRefusal) (got \(v))")
    }
    return x
  }

  /// A word naming one of `all` (case-insensitive); `what` names the kind in the refusal.
  public func choice<T: RawRepresentable>(_ v: String, _ all: [T], _ what: String) throws -> T
  where T.RawValue == String {
    guard let x = all.first(where: { $0.rawValue == v.lowercased() }) else {
      throw CommandError(
        "unknown \(what) '\(v)'"
          + CommandLanguage.suggestion(v.lowercased(), among: all.map(\.rawValue))
          + " (one of \(all.map(\.rawValue).joined(separator: ", ")))")
    }
    return x
  }

  /// A one-of option, nil when not given.
  public func choice<T: RawRepresentable>(_ option: CommandOption, _ all: [T], _ what: String)
    throws -> T? where T.RawValue == String
  {
    guard let v = options[option.name] else { return nil }
    return try choice(v, all, what)
  }
}

extension CommandOption {
  /// "hidden must be a whole number from 1 to 512", as a refusal starts.
  var explanationForRefusal: String {
    switch values {
    case .whole(let l): return "\(name) must be a whole number \(l.bounds)"
    case .real(let l): return "\(name) must be \(l.rule)"
    case .oneOf(let all): return "\(name) must be one of \(all.joined(separator: ", "))"
    case .text: return "\(name) must be text"
    case .word: return "\(name) must be \(placeholder ?? "one word")"
    }
  }
}
