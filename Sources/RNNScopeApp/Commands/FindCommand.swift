import RNNCore

/// `find PREDICATE [top=N]`: the units whose values over the steps taken correlate most with
/// something about the text read (a character class, being inside quotes, the position in a line).
struct FindCommand: Command {
  static let top = CommandOption.whole("top", Limits.Whole(range: 1...50)).meaning(
    "how many units to list (default 8)")
  static let definition = CommandDefinition(
    name: "find", arguments: TextPredicate.allCases.map(\.rawValue).joined(separator: "|"),
    help:
      "units that track the text: Pearson r of every layer's h, c and gates with a predicate over "
      + "the characters read",
    options: [top], words: TextPredicate.allCases.map(\.rawValue),
    examples: ["find space", "find inquotes top=4", "find linepos"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    guard let word = w.positional.first?.lowercased() else { throw w.usageError }
    guard let p = TextPredicate(rawValue: word) else {
      let all = TextPredicate.allCases.map(\.rawValue)
      throw CommandError(
        "no predicate '\(word)'" + CommandLanguage.suggestion(word, among: all)
          + " (one of \(all.joined(separator: ", ")))")
    }
    return .findUnits(p, top: try w.int(top) ?? 8)
  }
}
