/// `show WHAT`: values printed.
struct ShowCommand: Command {
  static let definition = CommandDefinition(
    name: "show", arguments: Report.allCases.map(\.rawValue).joined(separator: "|"),
    help: "print values", words: Report.allCases.map(\.rawValue),
    examples: ["show model", "show step", "show gradients"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    guard let what = w.positional.first?.lowercased() else { throw w.usageError }
    guard let r = Report(word: what) else {
      let all = Report.allCases.map(\.rawValue)
      throw CommandError(
        "nothing called '\(what)' to show" + CommandLanguage.suggestion(what, among: all)
          + " (one of \(all.joined(separator: ", ")))")
    }
    return .show(r)
  }
}
