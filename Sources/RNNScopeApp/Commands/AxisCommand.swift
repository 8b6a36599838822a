import RNNCore

/// `axis auto|lock [panel=gradient|loss|heatmap] [from=X] [to=X]`: a panel's axis set by what it
/// shows, or held — the gradient's log axis, the training panel's loss and ‖∇‖ axes, the heatmap's
/// colour range.
struct AxisCommand: Command {
  static let panel = CommandOption.oneOf(
    "panel", ComparedPanel.allCases.map(\.rawValue),
    meaning: "the axis: the gradient panel's, the training panel's loss and ‖∇‖ (loss), the"
      + " heatmap's colour range (heatmap, as set range=lock); default the focused panel when it"
      + " is the gradient or training panel, else the gradient")
  static let from = CommandOption.real("from", Limits.axisEnd).meaning(
    "the held axis' lowest end: on the gradient axis a decade, 10^N (N whole, from -330 to 310);"
      + " on the loss axis a loss")
  static let to = CommandOption.real("to", Limits.axisEnd).meaning(
    "the held axis' highest end, as from")
  static let definition = CommandDefinition(
    name: "axis", arguments: "auto|lock",
    help: "a panel's axis: set by what it shows, or held (from, to: its ends; the gradient's in"
      + " decades, 10^N)",
    options: [panel, from, to], words: ["auto", "lock"],
    examples: [
      "axis lock", "axis lock from=-24 to=1", "axis auto", "axis lock panel=loss",
      "axis lock panel=loss from=0 to=2.5", "axis lock panel=heatmap",
    ])

  /// A value as it was most likely typed: 3, not 3.000; 0.25.
  static func typed(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
  }

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    let p = try w.choice(panel, ComparedPanel.allCases, "panel")
    let lo = try w.double(from)
    let hi = try w.double(to)
    let target = p ?? ComparedPanel.focused(state.focus)
    switch w.positional.first?.lowercased() {
    case "auto":
      guard lo == nil, hi == nil else { throw CommandError("axis auto takes no from= or to=") }
      return .axis(.auto, panel: p)
    case "lock":
      switch (lo, hi) {
      case (nil, nil): return .axis(.lock(nil), panel: p)
      case (let l?, let h?):
        guard target != .heatmap else {
          throw CommandError(
            "axis lock panel=heatmap holds the colours shown; it takes no from= or to="
              + " (set range=fixed: ±1 and 0…1)")
        }
        if target == .gradient {
          for (name, v) in [("from", l), ("to", h)]
          where v != v.rounded() || !Limits.decade.contains(Int(v)) {
            throw CommandError(
              "\(name) on the gradient axis is a decade, 10^N: a whole number"
                + " \(Limits.decade.bounds) (got \(typed(v)))")
          }
        }
        guard l < h else {
          throw CommandError(
            "axis lock needs from= below to= (got \(typed(l)), \(typed(h)))")
        }
        return .axis(.lock(l...h), panel: p)
      default: throw CommandError("axis lock takes both from=X and to=X, or neither")
      }
    default: throw w.usageError
    }
  }
}
