/// `unit SECTION N` / `unit top` (the unit `find` ranked first) / `unit off`: colour the sequence
/// strip's inputs by one unit's values — the text figure of Karpathy's "unreasonable effectiveness"
/// and LSTMVis.
struct UnitCommand: Command {
  static let definition = CommandDefinition(
    name: "unit", arguments: "SECTION N[,M…]|top|off",
    help:
      "plot units over time in the units panel under the heatmap and colour the inputs in the "
      + "sequence strip by the first (blue −, red +): h, c or a gate, as find lists them; show "
      + "units prints them",
    examples: ["unit h 3", "unit c2 5,7", "unit top", "unit off"])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    let words = w.positional
    if words.count == 1, words[0].lowercased() == "off" { return .traceUnits([]) }
    if words.count == 1, words[0].lowercased() == "top" { return .traceUnits(["top"]) }
    // `unit h 3` or several: `unit h 3,7,12` (the first colours the inputs; show units plots all).
    guard words.count == 2 else { throw w.usageError }
    let numbers = words[1].split(separator: ",").map { Int($0) }
    guard !numbers.isEmpty, numbers.allSatisfy({ ($0 ?? -1) >= 0 }), numbers.count <= 8 else {
      throw w.usageError
    }
    let section = words[0].lowercased()
    return .traceUnits(numbers.map { "\(section) \($0!)" })
  }
}
