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
      view.brought.removeAll { $0 == .units }
      if view.focus == .units { view.focus = .heatmap }
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
    bringUnitsPanel()
    return
      "unit \(labels[0]): the sequence strip's inputs are coloured by its value (blue −, red +)"
      + (labels.count > 1 ? "; show units plots all \(labels.count)" : "")
  }

  /// The traced units, each once, the picked one (colouring the inputs) first: what the units
  /// panel plots.
  public var shownUnits: [String] {
    var seen = Set<String>()
    return view.tracedUnits.filter { seen.insert($0).inserted }
  }

  /// The units panel comes on screen (the gradient panel gives way where both do not fit).
  private mutating func bringUnitsPanel() {
    view.brought.removeAll { $0 == .units }
    view.brought.insert(.units, at: 0)
  }

  /// , and .: the unit `by` places on from the picked one, along `find`'s list when there is one
  /// (strongest first), else along every unit as `find` names them (h 0, h 1, …, then c and the
  /// gates, layer by layer). The units kept with m stay in the panel.
  mutating func pickUnit(by d: Int) -> String {
    let found = view.found.filter { unitValues($0) != nil }
    let along =
      found.isEmpty
      ? unitSections().flatMap { sec in (0..<config.hiddenSize).map { "\(sec.name) \($0)" } }
      : found
    guard !along.isEmpty else { return "unit: this model has no units" }
    let n = along.count
    let i = view.tracedUnit.flatMap { along.firstIndex(of: $0) }
    let next = i.map { (($0 + d) % n + n) % n } ?? (d > 0 ? 0 : n - 1)
    let label = along[next]
    if view.tracedUnits.isEmpty {
      view.tracedUnits = [label]
    } else {
      view.tracedUnits[0] = label
    }
    bringUnitsPanel()
    let place = found.isEmpty ? "" : ", \(next + 1) of find's \(n)"
    return "unit \(label)\(place): colours x_t and is plotted (, . pick, m keeps it)"
  }

  /// m: the picked unit kept in the units panel when , or . picks another, or no longer kept.
  mutating func keepUnit() -> String {
    guard let label = view.tracedUnit else {
      return "m keeps the picked unit: pick one first with , or . (or unit h 3)"
    }
    if let k = view.tracedUnits.dropFirst().firstIndex(of: label) {
      view.tracedUnits.remove(at: k)
      return "unit \(label) no longer kept"
    }
    guard shownUnits.count < 8 else { return "the units panel plots 8 units at most" }
    view.tracedUnits.insert(label, at: 1)
    return "unit \(label) kept in the units panel; , and . pick another"
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
      "units over steps \(firstKept + shown.lowerBound + 1)…\(firstKept + n) (each row: its least "
        + "to greatest value):"
    ]
    for label in shownUnits {
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
