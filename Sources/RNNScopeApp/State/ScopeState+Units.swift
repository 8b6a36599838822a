import RNNCore
import RNNViews

/// Unit inspection: every unit's values over the steps taken, and the ones that track the text.
extension ScopeState {
  /// Every layer's h, the LSTM's c and every gate, one series per unit over the steps on the tape,
  /// labelled as the heatmap's sections are (`h 3`; with layers, `h2 3` is layer 2's unit 3).
  func unitSeries() -> [(label: String, values: [Double])] {
    let c = config
    let steps = pass.steps
    let gates = c.cell == .lstm ? ["i", "f", "g", "o"] : c.cell == .gru ? ["r", "z", "n"] : []
    var out: [(label: String, values: [Double])] = []
    for k in 0..<c.numLayers {
      let layer = c.numLayers > 1 ? "\(k + 1)" : ""
      for u in 0..<c.hiddenSize {
        out.append(("h\(layer) \(u)", steps.map { $0.hidden[k][u] }))
      }
      if c.cell == .lstm {
        for u in 0..<c.hiddenSize { out.append(("c\(layer) \(u)", steps.map { $0.cell[k][u] })) }
      }
      for (g, name) in gates.enumerated() {
        for u in 0..<c.hiddenSize {
          out.append(
            ("\(name)\(layer) \(u)", steps.map { $0.layers[k].gates[g * c.hiddenSize + u] }))
        }
      }
    }
    return out
  }

  /// One unit's values over the steps on the tape, by its label, scaled into [−1, 1] for colour:
  /// h and c by their largest |value| on the tape, gates (0…1) as 2g − 1.
  func tracedValues() -> [Double]? {
    guard let label = view.tracedUnit,
      let series = unitSeries().first(where: { $0.label == label })?.values
    else { return nil }
    if label.hasPrefix("h") || label.hasPrefix("c") {
      let m = series.map(abs).max() ?? 0
      return series.map { m > 0 ? $0 / m : 0 }
    }
    return series.map { 2 * $0 - 1 }
  }

  /// `unit LABEL` / `unit off`: the sequence strip's inputs coloured by that unit, or not.
  mutating func traceUnit(_ label: String?) throws -> String {
    guard var label else {
      view.tracedUnit = nil
      return "unit: the inputs are no longer coloured"
    }
    if label == "top" {
      guard let first = view.found.first else {
        throw CommandError("unit top: find ranks the units first (e.g. find space)")
      }
      label = first
    }
    let labels = unitSeries().map(\.label)
    guard labels.contains(label) else {
      let sections = labels.map { String($0.split(separator: " ")[0]) }
      var seen = Set<String>()
      let unique = sections.filter { seen.insert($0).inserted }
      throw CommandError(
        "unit: no unit '\(label)' (sections \(unique.joined(separator: ", ")); units 0…"
          + "\(config.hiddenSize - 1); e.g. unit \(unique[0]) 0)")
    }
    view.tracedUnit = label
    return "unit \(label): the sequence strip's inputs are coloured by its value (blue −, red +)"
  }

  /// The characters read at the steps on the tape (a text task's), nil for other tasks.
  func charactersRead() -> [Character]? {
    guard let v = task.vocabulary else { return nil }
    var out: [Character] = []
    for s in pass.steps {
      guard case .token(let k) = s.input, k >= 0, k < v.count else { return nil }
      out.append(v.character(k))
    }
    return out
  }

  /// Every unit ranked by |r| with `p` over the steps taken, strongest first.
  func rankedUnits(_ p: TextPredicate) throws -> [(label: String, r: Double)] {
    guard let text = charactersRead() else {
      throw CommandError(
        "find: needs a text (this task's inputs are not characters; text FILE reads one)")
    }
    guard text.count >= 3 else {
      throw CommandError("find: take at least 3 steps first (Space, step N or run)")
    }
    let target = p.values(text)
    guard Set(target).count > 1 else {
      throw CommandError(
        "find: \(p.meaning) is the same at every one of the \(text.count) steps taken, so nothing "
          + "can correlate with it; step further or try another")
    }
    return UnitCorrelation.ranked(unitSeries(), against: target)
  }

  /// `find`'s report: the `top` units most correlated with `p` (kept for `unit top`).
  mutating func findUnits(_ p: TextPredicate, top: Int) throws -> String {
    let ranked = try rankedUnits(p)
    view.found = ranked.prefix(top).map(\.label)
    let steps = pass.steps.count
    var lines = [
      "units most correlated with \(p.meaning), over the \(steps) steps on the tape (Pearson r):"
    ]
    for (label, r) in ranked.prefix(top) {
      lines.append(
        "  " + label.padding(toLength: 8, withPad: " ", startingAt: 0) + (r >= 0 ? "+" : "")
          + NumberFormat.short(r, digits: 3))
    }
    if ranked.isEmpty { lines.append("  (no unit varies over these steps)") }
    if let first = ranked.first { lines.append("unit top colours the inputs by \(first.label)") }
    return lines.joined(separator: "\n")
  }
}
