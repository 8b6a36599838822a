import RNNCore
import RNNViews

/// `set [speed=N] [measure=…] [focus=PANEL] [zoom=on|off] [palette=…] [range=…] [optimizer=…]
/// [lr=X] [clip=X] [batch=N]`.
struct SetCommand: Command {
  static let speed = CommandOption.whole("speed", Limits.speed).meaning(
    "the backward animation's speed (1 slowest)")
  static let measure = CommandOption.oneOf("measure", GradientMeasure.allCases.map(\.rawValue))
    .meaning(
      "the gradient drawn: last = ‖∂L_T/∂h_t‖ (the last loss alone), total = ‖∂L/∂h_t‖ (the whole "
        + "loss), lastcell = ‖∂L_T/∂c_t‖, cell = ‖∂L/∂c_t‖ (LSTM)"
    )
  static let focus = CommandOption.oneOf("focus", PanelID.allCases.map(\.rawValue), as: "PANEL")
    .meaning(
      "the panel Tab and z act on")
  static let zoom = CommandOption.oneOf("zoom", ["on", "off"]).meaning(
    "the focused panel fills the screen")
  static let palette = CommandOption.oneOf(
    "palette", Palette.allCases.map(\.rawValue),
    meaning: "cividis: colour maps and signal colours for colour-blind eyes")
  static let range = CommandOption.oneOf(
    "range", ColorRange.lockable,
    meaning: "the heatmap's colours; auto: h and c span ± their largest |value| in view, gates 0…1;"
      + " data: gates too span theirs; fixed: ±1 and 0…1; lock: held at the spans they have now"
      + " (over the steps on the tape), whatever comes next, until another range is set")
  static let optimizer = CommandOption.oneOf("optimizer", OptimizerKind.allCases.map(\.rawValue))
    .meaning(
      "how training updates the weights")
  static let learningRate = CommandOption.real("lr", Limits.learningRate).meaning(
    "the learning rate")
  static let clip = CommandOption.real("clip", Limits.clip).meaning(
    "gradient clipping: ‖∇θ‖ above this is scaled down to it")
  static let batch = CommandOption.whole("batch", Limits.batch).meaning(
    "sequences per training step")
  static let definition = CommandDefinition(
    name: "set",
    help: "view and training options",
    options: [speed, measure, focus, zoom, palette, range, optimizer, learningRate, clip, batch],
    examples: [
      "set speed=4 measure=total", "set focus=gradient zoom=on", "set palette=cividis range=data",
      "set range=lock",
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
    if let v = w.options["range"]?.lowercased() {
      guard case .oneOf(let all) = range.values, all.contains(v) else {
        throw CommandError(
          "unknown range '\(v)'" + CommandLanguage.suggestion(v, among: ColorRange.lockable)
            + " (one of \(ColorRange.lockable.joined(separator: ", ")))")
      }
      if v == "lock" { s.lockColors = true } else { s.colorRange = ColorRange(rawValue: v) }
    }
    // Every value is checked before any is set: a refused `set` changes nothing.
    if let m = s.measure, m.isCellState, state.config.cell != .lstm {
      throw CommandError("measure \(m.rawValue) needs an LSTM")
    }
    s.optimizer = try w.choice(optimizer, OptimizerKind.allCases, "optimizer")
    s.learningRate = try w.double(learningRate)
    s.clip = try w.double(clip)
    s.batch = try w.int(batch)
    s.typed = w.options.keys.sorted().map { "\($0)=\(w.options[$0]!)" }.joined(separator: " ")
    return .set(s)
  }
}
