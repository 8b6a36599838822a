import RNNCore
import RNNFormats
import RNNViews

/// The view settings of a session file (`SessionView`): made from the view when saved, and checked
/// field by field when loaded, before any of them is used.
extension SessionView {
  /// Most characters of a pin's label (the user's words); most points of a pinned run (a
  /// history's); most steps of a pinned profile (a tape's).
  static let labelCharacters = 200
  static let runPoints = TrainingHistory().capacity
  static let profileSteps = Limits.count.range.upperBound

  /// The settings of `v`, as a session saves them; values JSON cannot hold are null.
  init(_ v: ViewState) {
    func finite(_ xs: [Double]) -> [Double?] { xs.map { $0.isFinite ? $0 : nil } }
    self.init(
      palette: v.palette.rawValue, colorRange: v.colorRange.rawValue,
      heldColors: v.heldColors.map {
        SessionHeldColors(
          signed: $0.signed.limit, gates: [$0.gates.lower, $0.gates.upper],
          cell: $0.cell?.limit, from: $0.from.rawValue)
      },
      gradientAxis: v.gradientAxis.map { [$0.lowerBound, $0.upperBound] },
      lossAxis: v.lossAxis.map { [$0.lowerBound, $0.upperBound] },
      gradNormAxis: v.gradNormAxis.map { [$0.lowerBound, $0.upperBound] },
      gradientPin: v.pinned.map {
        SessionGradientPin(
          label: $0.label, measure: $0.measure.rawValue, first: $0.first, norms: finite($0.norms))
      },
      lossPin: v.pinnedRun.map {
        SessionLossPin(
          label: $0.label, steps: $0.steps, loss: finite($0.loss), gradNorm: finite($0.gradNorm))
      })
  }

  /// Sets `v` to these settings, each checked first (a refusal names its field as
  /// "view.FIELD" and changes nothing).
  func apply(to v: inout ViewState, path: String) throws {
    func refuse(_ field: String, _ value: Any, _ allowed: String) -> SessionError {
      SessionFile.refusal(path, "view." + field, "is \(value); allowed: \(allowed)")
    }
    func pick<T: RawRepresentable & CaseIterable>(_ field: String, _ s: String?) throws -> T?
    where T.RawValue == String {
      guard let s else { return nil }
      guard let x = T.allCases.first(where: { $0.rawValue == s }) else {
        throw refuse(field, "\"\(visible(s))\"", T.allCases.map(\.rawValue).joined(separator: ", "))
      }
      return x
    }
    /// Two finite ends within `limit`, the first below the second.
    func ends(_ field: String, _ xs: [Double]?, _ limit: Limits.Real) throws -> ClosedRange<Double>?
    {
      guard let xs else { return nil }
      guard xs.count == 2, xs.allSatisfy(limit.contains), xs[0] < xs[1] else {
        throw refuse(field, xs, "[from, to], two numbers \(limit.rule), from below to")
      }
      return xs[0]...xs[1]
    }
    func label(_ field: String, _ s: String) throws -> String {
      let control = s.unicodeScalars.contains {
        $0.value < 0x20 || (0x7f...0x9f).contains($0.value)
      }
      guard !s.isEmpty, s.count <= Self.labelCharacters, !control else {
        throw refuse(
          field, "\"\(visible(s))\"",
          "1 to \(Self.labelCharacters) characters, no control characters")
      }
      return s
    }
    /// Values per point: finite and within `rule` (nil: not finite when saved, drawn as none).
    func values(_ field: String, _ xs: [Double?], _ rule: String, _ ok: (Double) -> Bool) throws
      -> [Double]
    {
      for (i, x) in xs.enumerated() where x.map({ !$0.isFinite || !ok($0) }) ?? false {
        throw refuse("\(field)[\(i)]", x!, "null or a number \(rule)")
      }
      return xs.map { $0 ?? .nan }
    }
    let palette: Palette? = try pick("palette", self.palette)
    let range: ColorRange? = try pick("colorRange", colorRange)
    var held: HeldColors? = nil
    if let h = heldColors {
      guard h.signed.isFinite, h.signed > 0, h.signed <= 1e6 else {
        throw refuse("heldColors.signed", h.signed, "> 0 and ≤ 1e6")
      }
      guard h.gates.count == 2, h.gates.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }),
        h.gates[0] < h.gates[1]
      else {
        throw refuse("heldColors.gates", h.gates, "[lower, upper] within 0…1, lower below upper")
      }
      if let c = h.cell, !(c.isFinite && c > 0 && c <= 1e6) {
        throw refuse("heldColors.cell", c, "> 0 and ≤ 1e6")
      }
      let from: ColorRange = try pick("heldColors.from", h.from)!
      held = HeldColors(
        signed: ColorSpan(lower: -h.signed, upper: h.signed, fromData: from != .fixed),
        gates: ColorSpan(lower: h.gates[0], upper: h.gates[1], fromData: from == .data),
        cell: h.cell.map { ColorSpan(lower: -$0, upper: $0, fromData: true) }, from: from)
    }
    var gradientAxis: ClosedRange<Int>? = nil
    if let a = self.gradientAxis {
      guard a.count == 2, a.allSatisfy(Limits.decade.contains), a[0] < a[1] else {
        throw refuse(
          "gradientAxis", a, "[from, to], two decades \(Limits.decade.bounds), from below to")
      }
      gradientAxis = a[0]...a[1]
    }
    let lossAxis = try ends("lossAxis", self.lossAxis, Limits.axisEnd)
    let gradNormAxis = try ends("gradNormAxis", self.gradNormAxis, Limits.axisEnd)
    var pinned: PinnedProfile? = nil
    if let p = gradientPin {
      let measure: GradientMeasure = try pick("gradientPin.measure", p.measure)!
      guard (0...Limits.seed.range.upperBound).contains(p.first) else {
        throw refuse("gradientPin.first", p.first, Limits.seed.bounds)
      }
      guard (1...Self.profileSteps).contains(p.norms.count) else {
        throw refuse("gradientPin.norms", "\(p.norms.count) values", "1 to \(Self.profileSteps)")
      }
      pinned = PinnedProfile(
        label: try label("gradientPin.label", p.label), measure: measure, first: p.first,
        norms: try values("gradientPin.norms", p.norms, "≥ 0") { $0 >= 0 })
    }
    var run: PinnedRun? = nil
    if let p = lossPin {
      let n = p.steps.count
      guard (1...Self.runPoints).contains(n), p.loss.count == n, p.gradNorm.count == n else {
        throw refuse(
          "lossPin.steps", "\(n) steps, \(p.loss.count) losses, \(p.gradNorm.count) norms",
          "as many of each, 1 to \(Self.runPoints)")
      }
      for (i, s) in p.steps.enumerated()
      where !Limits.trainedSteps.contains(s) || s < 1 || (i > 0 && s <= p.steps[i - 1]) {
        throw refuse("lossPin.steps[\(i)]", s, "training steps from 1 up, each above the last")
      }
      run = PinnedRun(
        label: try label("lossPin.label", p.label), steps: p.steps,
        loss: try values("lossPin.loss", p.loss, "within ±1e300") { abs($0) <= 1e300 },
        gradNorm: try values("lossPin.gradNorm", p.gradNorm, "≥ 0") { $0 >= 0 })
    }
    // Every field is checked: now they are set.
    if let palette { v.palette = palette }
    if let range { v.colorRange = range }
    v.heldColors = held
    v.gradientAxis = gradientAxis
    v.lossAxis = lossAxis
    v.gradNormAxis = gradNormAxis
    v.pinned = pinned
    v.pinnedRun = run
  }
}
