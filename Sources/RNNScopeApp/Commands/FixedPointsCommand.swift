import RNNCore

/// `fixed [input=zero|mean|STEP] [starts=N] [tol=X] [stop=X]` / `fixed select N|off` / `fixed off`:
/// the model's fixed and slow points from states on the tape (Sussillo & Barak 2013), shown in the
/// trajectory panel; a point selected shows its ∂F/∂s in the spectrum panel.
struct FixedPointsCommand: Command {
  static let input = CommandOption.word("input", as: "zero|mean|STEP").meaning(
    "x*, the input held: zero, the mean of the tape's inputs, or the input at step STEP (from 1)")
  static let starts = CommandOption.whole("starts", Limits.fixedStarts).meaning(
    "states sampled from the tape to start from (default 64)")
  static let tol = CommandOption.real("tol", Limits.fixedTolerance).meaning(
    "q = ½‖F(s) − s‖² at most this is a fixed point, above it a slow one (default 1e-12)")
  static let stop = CommandOption.real("stop", Limits.fixedTolerance).meaning(
    "end each descent once q ≤ this: the ends above tol are slow points, a step moving them by "
      + "at most √(2q) (a line attractor's line shows; default: each descent runs to its end)")
  static let definition = CommandDefinition(
    name: "fixed", arguments: "[select N|select off|off]",
    help:
      "fixed and slow points of the model with the input held (Levenberg–Marquardt from states on "
      + "the tape), marked in the trajectory panel; select N shows ∂F/∂s there in the spectrum "
      + "panel",
    options: [input, starts, tol, stop], words: ["select", "off"],
    examples: [
      "fixed", "fixed input=mean starts=128", "fixed input=3 tol=1e-10", "fixed stop=1e-8",
      "fixed select 2",
      "fixed select off", "fixed off",
    ])

  static func parse(_ w: CommandWords, state: ScopeState) throws -> Action {
    let words = w.positional.map { $0.lowercased() }
    if words == ["off"] { return .fixedPoints(.off) }
    if words.first == "select" {
      guard words.count == 2, w.options.isEmpty else { throw w.usageError }
      if words[1] == "off" { return .fixedPoints(.select(nil)) }
      guard let n = Int(words[1]), n >= 1 else {
        throw CommandError("fixed select: N is a point's number, from 1 (got \(words[1]))")
      }
      return .fixedPoints(.select(n - 1))
    }
    guard words.isEmpty else { throw w.usageError }
    var x = FixedPointInput.zero
    if let v = w.options["input"]?.lowercased() {
      switch v {
      case "zero": x = .zero
      case "mean": x = .mean
      default:
        guard let t = Int(v), t >= 1 else {
          throw CommandError(
            "input: zero, mean or a step on the tape, from 1 (got \(w.options["input"]!))")
        }
        x = .step(t)
      }
    }
    return .fixedPoints(
      .find(
        input: x, starts: try w.int(starts) ?? 64, tolerance: try w.double(tol) ?? 1e-12,
        stop: try w.double(stop)))
  }
}
