/// `unit SECTION N` / `unit top` (the unit `find` ranked first) / `unit off`: colour the sequence strip's inputs by one unit's values — the
/// text figure of Karpathy's "unreasonable effectiveness" and LSTMVis.
struct UnitCommand: Command {
  static let definition = CommandDefinition(
    name: "unit", arguments: "SECTION N|top|off",
    help:
      "colour the inputs in the sequence strip by one unit's value (blue −, red +): h, c or a gate, as find lists them",
    examples: ["unit h 3", "unit c2 5", "unit top", "unit off"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    let words = w.positional
    if words.count == 1, words[0].lowercased() == "off" { return .traceUnit(nil) }
    if words.count == 1, words[0].lowercased() == "top" { return .traceUnit("top") }
    guard words.count == 2, let n = Int(words[1]), n >= 0 else { throw w.usageError }
    return .traceUnit("\(words[0].lowercased()) \(n)")
  }
}
