import RNNCore
import RNNViews

/// Unit inspection: every unit's values over the steps taken, and the ones that track the text.
extension ScopeState {
  /// One section of units as `find` and `unit` name them (`h`, `c`, `f`; with layers `h2`, `f1`):
  /// whether its values are signed (h, c and the candidates g and n) or a gate's 0…1, and unit u's
  /// value at a step.
  struct UnitSection {
    let name: String
    let signed: Bool
    let value: (StepRecord, Int) -> Double
  }

  /// Every layer's h, the LSTM's c and every gate block (the candidate among them).
  func unitSections() -> [UnitSection] {
    let c = config
    let H = c.hiddenSize
    let gates = c.cell == .lstm ? ["i", "f", "g", "o"] : c.cell == .gru ? ["r", "z", "n"] : []
    var out: [UnitSection] = []
    for k in 0..<c.numLayers {
      let layer = c.numLayers > 1 ? "\(k + 1)" : ""
      out.append(UnitSection(name: "h" + layer, signed: true) { $0.hidden[k][$1] })
      if c.cell == .lstm {
        out.append(UnitSection(name: "c" + layer, signed: true) { $0.cell[k][$1] })
      }
      for (g, name) in gates.enumerated() {
        out.append(
          UnitSection(name: name + layer, signed: name == "g" || name == "n") {
            $0.layers[k].gates[g * H + $1]
          })
      }
    }
    return out
  }

  /// Every unit's values over the steps on the tape, labelled `SECTION N` (`h 3`, `h2 3`).
  func unitSeries() -> [(label: String, values: [Double])] {
    let steps = pass.steps
    return unitSections().flatMap { sec in
      (0..<config.hiddenSize).map { u in ("\(sec.name) \(u)", steps.map { sec.value($0, u) }) }
    }
  }

  /// The values over the steps on the tape of the unit labelled `label` alone, and whether they
  /// are signed; nil when the model has no such unit.
  func unitValues(_ label: String) -> (values: [Double], signed: Bool)? {
    let words = label.split(separator: " ")
    guard words.count == 2, let u = Int(words[1]), (0..<config.hiddenSize).contains(u),
      let sec = unitSections().first(where: { $0.name == words[0] })
    else { return nil }
    return (pass.steps.map { sec.value($0, u) }, sec.signed)
  }

  /// The traced unit's values over the steps on the tape, scaled into [−1, 1] for colour: signed
  /// ones by their largest |value| on the tape, gates (0…1) as 2g − 1. Drawn every frame: it reads
  /// that unit alone.
  func tracedValues() -> [Double]? {
    guard let label = view.tracedUnit, let (series, signed) = unitValues(label) else { return nil }
    if signed {
      let m = series.map(abs).max() ?? 0
      return series.map { m > 0 ? $0 / m : 0 }
    }
    return series.map { 2 * $0 - 1 }
  }

  /// `unit LABEL…` / `unit top` / `unit off`: the units traced (the first colours the inputs).
  mutating func traceUnits(_ asked: [String]) throws -> String {
    guard !asked.isEmpty else {
      view.tracedUnits = []
      return "unit: the inputs are no longer coloured"
    }
    var labels = asked
    if labels == ["top"] {
      guard let first = view.found.first else {
        throw CommandError("unit top: find ranks the units first (e.g. find space)")
      }
      labels = [first]
    }
    if let bad = labels.first(where: { unitValues($0) == nil }) {
      let sections = unitSections().map(\.name)
      throw CommandError(
        "unit: no unit '\(bad)' (sections \(sections.joined(separator: ", ")); units 0…"
          + "\(config.hiddenSize - 1); e.g. unit \(sections[0]) 0)")
    }
    view.tracedUnits = labels
    return
      "unit \(labels[0]): the sequence strip's inputs are coloured by its value (blue −, red +)"
      + (labels.count > 1 ? "; show units plots all \(labels.count)" : "")
  }

  /// `show units`: each traced unit's values over the latest steps as a row of blocks (its
  /// least to greatest value over them), the characters read under them, one column per step.
  func unitsReport(width: Int = 64) -> String {
    guard !view.tracedUnits.isEmpty else {
      return
        "no units traced: unit SECTION N[,M…] picks them (find lists the ones that track the text)"
    }
    let n = pass.steps.count
    guard n > 0 else { return "no steps on the tape yet: Space, step N or run, then show units" }
    let shown = max(0, n - width)..<n
    let levels = Array("▁▂▃▄▅▆▇█")
    var lines = [
      "units over steps \(firstKept + shown.lowerBound + 1)…\(firstKept + n) (each row: its least to greatest value):"
    ]
    for label in view.tracedUnits {
      guard let v = unitValues(label)?.values else { continue }
      let part = Array(v[shown])
      let lo = part.min() ?? 0
      let hi = part.max() ?? 0
      let bars = part.map { x -> Character in
        hi > lo ? levels[min(7, Int((x - lo) / (hi - lo) * 8))] : levels[3]
      }
      let range = NumberFormat.short(lo, digits: 2) + "…" + NumberFormat.short(hi, digits: 2)
      lines.append(
        label.padding(toLength: 6, withPad: " ", startingAt: 0) + String(bars) + "  " + range)
    }
    let text = shown.map { i -> String in
      let label = inputLabel(firstKept + i)
      return label == " " ? "␣" : label == "\n" ? "⏎" : String(label.prefix(1))
    }
    lines.append("x_t   " + text.joined())
    return lines.joined(separator: "\n")
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
