/// Something about the text a character model has read, step by step: what `find` correlates the
/// units with. Each value is the predicate after reading x_t (1 or 0; a count for `linepos`).
public enum TextPredicate: String, CaseIterable, Sendable {
  case space, newline, quote, digit, upper, vowel, punctuation
  /// Inside a quotation: an odd number of `"` read so far (the quote itself included).
  case inQuotes = "inquotes"
  /// Characters read since the last newline.
  case linePosition = "linepos"

  public var meaning: String {
    switch self {
    case .space: return "x_t is a space"
    case .newline: return "x_t is a newline"
    case .quote: return "x_t is a quote (\" or ')"
    case .digit: return "x_t is a digit"
    case .upper: return "x_t is an uppercase letter"
    case .vowel: return "x_t is a vowel (a e i o u)"
    case .punctuation: return "x_t is punctuation"
    case .inQuotes: return "inside \"…\" after x_t"
    case .linePosition: return "characters since the last newline"
    }
  }

  /// The predicate's value after each character of `text`.
  public func values(_ text: [Character]) -> [Double] {
    var open = false
    var sinceNewline = 0.0
    return text.map { ch in
      if ch == "\"" { open.toggle() }
      sinceNewline = ch == "\n" ? 0 : sinceNewline + 1
      switch self {
      case .space: return ch == " " ? 1 : 0
      case .newline: return ch == "\n" ? 1 : 0
      case .quote: return ch == "\"" || ch == "'" ? 1 : 0
      case .digit: return ch.isNumber ? 1 : 0
      case .upper: return ch.isUppercase ? 1 : 0
      case .vowel: return "aeiouAEIOU".contains(ch) ? 1 : 0
      case .punctuation: return ch.isPunctuation ? 1 : 0
      case .inQuotes: return open || ch == "\"" ? 1 : 0
      case .linePosition: return sinceNewline
      }
    }
  }
}
