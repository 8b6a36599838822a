import Foundation
import RNNCore
import RNNViews

/// Live values in a caption: `{name}` in a `say` line is replaced, every frame, by the value the
/// screen shows now, in the format the panel showing it uses — so a number in a caption is always
/// the number on screen. `{grad.last[1]}` is ‖∂L_T/∂h_1‖ of the top layer, `[T]` the last step.
enum CaptionValues {
  /// Every name a caption may quote, with what it is (for `help say` and the refusal).
  static let names: [(name: String, meaning: String)] = [
    ("step", "steps taken"), ("steps", "steps in the sequence"), ("cursor", "the cursor's step"),
    ("loss", "Σ L over the steps taken"), ("accuracy", "share of right predictions"),
    ("trained", "training steps taken"), ("rho", "ρ, the spectral radius of W_hh"),
    ("sigma_max", "σ_max, the largest singular value of W_hh"), ("gamma", "γ = max φ′"),
    ("gamma_sigma", "γ·σ_max, the bound's factor per step"),
    (
      "factor",
      "the last loss's gradient's mean factor per step back, (‖∂L_T/∂h_1‖/‖∂L_T/∂h_T‖)^(1/(T−1))"
    ),
    ("grad.last[t]", "‖∂L_T/∂h_t‖ at step t (T: the last)"),
    ("grad.total[t]", "‖∂L/∂h_t‖ at step t"), ("grad.cell[t]", "‖∂L/∂c_t‖ at step t (LSTM)"),
    ("grad.lastcell[t]", "‖∂L_T/∂c_t‖ at step t (LSTM)"),
    ("second.NAME", "NAME of the split view's second model"),
    ("fixed.points", "points `fixed` found"), ("fixed.fixed", "of them fixed (q ≤ tol)"),
    ("fixed.slow", "of them slow"), ("fixed.stable", "of them stable (every |λ| < 1)"),
    ("fixed.saddle", "of them saddles"), ("fixed.marginal", "of them marginal (an |λ| ≈ 1)"),
    ("fixed.patterns", "distinct sign patterns of the stable points' readouts"),
    ("fixed.line", "the share of the points' variance along their first principal component"),
    ("fixed.readout.min", "the smallest readout (first output) of a point"),
    ("fixed.readout.max", "the largest"),
    ("fixed.rho", "ρ of ∂F/∂s at the selected point, as the spectrum panel shows it"),
    ("fixed.lambda2", "the second largest |λ| there"),
  ]

  /// The prefix that reads a value off the split view's second model.
  static let secondPrefix = "second."

  /// The first `{…}` in `text` that names no value, if any.
  static func unknown(in text: String) -> String? {
    fields(text).first { resolve($0) == nil }
  }

  /// The value `field` names, and whether it is the split view's second model's (`second.…`).
  private static func resolve(_ field: String) -> (value: Value, second: Bool)? {
    if field.hasPrefix(secondPrefix) {
      return parse(String(field.dropFirst(secondPrefix.count))).map { ($0, true) }
    }
    return parse(field).map { ($0, false) }
  }

  /// The refusal for a caption quoting `field`.
  static func refusal(_ field: String) -> String {
    "no live value {\(field)}: a caption may quote "
      + names.map { "{\($0.name)}" }.joined(separator: ", ")
  }

  /// `text` with each `{name}` replaced by its value now ("n/a" where there is none yet: a
  /// gradient before `b`).
  static func expand(_ text: String, _ s: ScopeState, spectrum: ScopeSpectrum? = nil) -> String {
    guard text.contains("{") else { return text }
    // Headless (no frame's spectrum), LAPACK runs once, and only if a field needs it.
    var known = spectrum
    func figures() -> SpectralFigures {
      if known == nil { known = ScopeSpectrum(s, reusing: nil) }
      return known!.figures
    }
    return replacingFields(text) { field in
      guard let (v, second) = resolve(field) else { return nil }
      guard second else { return value(v, s, figures: figures) ?? "n/a" }
      // Not split (yet, or any more): nothing to quote.
      guard let other = s.secondModel else { return "n/a" }
      return value(v, other, figures: { ScopeSpectrum(other, reusing: nil).figures }) ?? "n/a"
    }
  }

  /// `text` with each `{field}` replaced by `replace(field)`, kept as it is where that is nil.
  private static func replacingFields(_ text: String, _ replace: (String) -> String?) -> String {
    var out = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      out += rest[..<open]
      let field = String(rest[rest.index(after: open)..<close])
      out += replace(field) ?? String(rest[open...close])
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }

  private enum Value {
    case step, steps, cursor, loss, accuracy, trained, rho, sigmaMax, gamma, gammaSigma, factor
    case grad(measure: String, step: Int?)  // step nil: T
    case fixed(String)  // fixed.NAME
  }

  private static func fields(_ text: String) -> [String] {
    var out: [String] = []
    _ = replacingFields(text) { field in
      out.append(field)
      return nil
    }
    return out
  }

  private static func parse(_ field: String) -> Value? {
    switch field {
    case "step": return .step
    case "steps": return .steps
    case "cursor": return .cursor
    case "loss": return .loss
    case "accuracy": return .accuracy
    case "trained": return .trained
    case "rho": return .rho
    case "sigma_max": return .sigmaMax
    case "gamma": return .gamma
    case "gamma_sigma": return .gammaSigma
    case "factor": return .factor
    default: break
    }
    if field.hasPrefix("fixed."), names.contains(where: { $0.name == field }) {
      return .fixed(String(field.dropFirst("fixed.".count)))
    }
    // grad.MEASURE[t]
    guard field.hasPrefix("grad."), field.hasSuffix("]"), let open = field.firstIndex(of: "[")
    else { return nil }
    let measure = String(field[field.index(field.startIndex, offsetBy: 5)..<open])
    let index = String(field[field.index(after: open)..<field.index(before: field.endIndex)])
    guard ["last", "total", "cell", "lastcell"].contains(measure) else { return nil }
    if index == "T" { return .grad(measure: measure, step: nil) }
    guard let t = Int(index), t >= 1 else { return nil }
    return .grad(measure: measure, step: t)
  }

  private static func value(
    _ v: Value, _ s: ScopeState, figures: () -> SpectralFigures
  ) -> String? {
    let gamma = s.config.activation.derivativeBound
    switch v {
    case .step: return "\(s.stepsTaken)"
    case .steps: return "\(s.maxSteps)"
    case .cursor: return "\(s.cursor + 1)"
    case .loss: return NumberFormat.short(s.pass.totalLoss)
    case .accuracy:
      let judged = (s.firstKept..<s.stepsTaken).compactMap { s.isCorrect($0) }
      guard !judged.isEmpty else { return nil }
      return "\(judged.filter { $0 }.count)/\(judged.count)"
    case .trained: return "\(s.trainedSteps)"
    case .rho: return NumberFormat.short(figures().radius, digits: 2)
    case .sigmaMax: return NumberFormat.short(figures().sigmaMax, digits: 2)
    case .gamma: return NumberFormat.short(gamma, digits: 2)
    case .gammaSigma: return NumberFormat.short(gamma * figures().sigmaMax, digits: 2)
    case .factor:
      // As `show gradients` prints it, over the steps on the tape.
      guard let norms = s.bptt?.lastLossHiddenGradNorms[s.config.numLayers - 1],
        let rate = GradientFactors.mean(norms)
      else { return nil }
      return NumberFormat.short(rate)
    case .grad(let measure, let step):
      guard let b = s.bptt else { return nil }
      let top = s.config.numLayers - 1
      let norms: [Double]?
      switch measure {
      case "last": norms = b.lastLossHiddenGradNorms[top]
      case "total": norms = b.hiddenGradNorms[top]
      case "lastcell": norms = b.lastLossCellGradNorms?[top]
      default: norms = b.cellGradNorms?[top]
      }
      guard let norms, !norms.isEmpty else { return nil }
      let i = (step.map { $0 - 1 } ?? (s.firstKept + norms.count - 1)) - s.firstKept
      guard i >= 0, i < norms.count else { return nil }
      return NumberFormat.scientific(norms[i])
    case .fixed(let name): return fixedValue(name, s)
    }
  }

  /// A figure of the points `fixed` found (nil before it ran).
  private static func fixedValue(_ name: String, _ s: ScopeState) -> String? {
    guard let found = s.session.fixedPoints else { return nil }
    let points = found.report.points
    func count(_ stability: String) -> String {
      "\(points.filter { $0.stability.name == stability }.count)"
    }
    let readouts = points.compactMap(\.readout.first)
    switch name {
    case "points": return "\(points.count)"
    case "fixed": return "\(points.filter(\.isFixed).count)"
    case "slow": return "\(points.filter { !$0.isFixed }.count)"
    case "stable", "saddle", "marginal": return count(name)
    case "patterns":
      let stable = points.filter { $0.stability.name == "stable" }
      return "\(Set(stable.map { $0.readout.map { $0 > 0 } }).count)"
    case "line":
      guard let pca = PrincipalComponents(points.map(\.state)), let first = pca.shares.first
      else { return nil }
      return String(format: "%.3f", first)
    case "readout.min": return readouts.min().map { String(format: "%+.2f", $0) }
    case "readout.max": return readouts.max().map { String(format: "%+.2f", $0) }
    case "rho", "lambda2":
      guard let i = found.selected, i < points.count else { return nil }
      let m = points[i].eigenvalues.map(\.magnitude).sorted(by: >)
      let k = name == "rho" ? 0 : 1
      return k < m.count ? NumberFormat.short(m[k]) : nil
    default: return nil
    }
  }
}
