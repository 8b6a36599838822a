import RNNCore
import RNNViews

/// `set [speed=N] [measure=…] [focus=PANEL] [zoom=on|off] [palette=…] [range=…] [optimizer=…]
/// [lr=X] [clip=X] [batch=N]`.
struct SetCommand: Command {
  static let speed = CommandOption.whole("speed", Limits.speed)
  static let measure = CommandOption.oneOf("measure", GradientMeasure.allCases.map(\.rawValue))
  static let focus = CommandOption.oneOf("focus", PanelID.allCases.map(\.rawValue), as: "PANEL")
  static let zoom = CommandOption.oneOf("zoom", ["on", "off"])
  static let palette = CommandOption.oneOf(
    "palette", Palette.allCases.map(\.rawValue),
    meaning: "cividis: colour maps and signal colours for colour-blind eyes")
  static let range = CommandOption.oneOf(
    "range", ColorRange.allCases.map(\.rawValue),
    meaning: "the heatmap's colours; auto: h and c span ± their largest |value| in view, gates 0…1;"
      + " data: gates too span theirs; fixed: ±1 and 0…1")
  static let optimizer = CommandOption.oneOf("optimizer", OptimizerKind.allCases.map(\.rawValue))
  static let learningRate = CommandOption.real("lr", Limits.learningRate)
  static let clip = CommandOption.real("clip", Limits.clip)
  static let batch = CommandOption.whole("batch", Limits.batch)
  static let definition = CommandDefinition(
    name: "set",
    help: "view and training options",
    options: [speed, measure, focus, zoom, palette, range, optimizer, learningRate, clip, batch],
    examples: [
      "set speed=4 measure=total", "set focus=gradient zoom=on", "set palette=cividis range=data",
      "set lr=0.01 clip=1", "set optimizer=sgd batch=8",
    ])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    guard !w.options.isEmpty else { throw w.usageError }
    var s = Settings()
    s.speed = try w.int(speed)
    s.focus = try w.choice(focus, PanelID.allCases, "panel")
    if let z = w.options["zoom"] {
      guard ["on", "off"].contains(z) else {
        throw CommandError("zoom must be on or off (got \(z))")
      }
      s.zoom = z == "on"
    }
    s.measure = try w.choice(measure, GradientMeasure.allCases, "measure")
    s.palette = try w.choice(palette, Palette.allCases, "palette")
    s.colorRange = try w.choice(range, ColorRange.allCases, "range")
    // Every value is checked before any is set: a refused `set` changes nothing.
    if s.measure == .cell && state.config.cell != .lstm {
      throw CommandError("measure cell needs an LSTM")
    }
    s.optimizer = try w.choice(optimizer, OptimizerKind.allCases, "optimizer")
    s.learningRate = try w.double(learningRate)
    s.clip = try w.double(clip)
    s.batch = try w.int(batch)
    s.typed = w.options.keys.sorted().map { "\($0)=\(w.options[$0]!)" }.joined(separator: " ")
    return .set(s)
  }
}
