import Testing

@testable import RNNCore
@testable import RNNScopeApp
@testable import RNNViews

/// The gradient panel's strip of factors per step back, ‖∂L_T/∂h_{t−1}‖ / ‖∂L_T/∂h_t‖, and the
/// factor with ‖J_t‖₂ read out at the cursor and while the gradient walks back.
struct FactorStripTests {
  static func state(length: Int = 30) throws -> ScopeState {
    var o = ScopeOptions()
    o.task = .echo
    o.length = length
    o.delay = 3
    var s = try ScopeState(options: o)
    _ = s.apply(.step(count: length))
    return s
  }

  /// The glyph the strip shows for factor f, as the README words it.
  static func glyph(_ f: Double) -> Character {
    f < 0.5 ? "▼" : f < 1 ? "▾" : f == 1 ? "=" : f <= 2 ? "▴" : "▲"
  }

  @Test func theStripShowsEachStepsFactorWhereItsColumnIs() throws {
    var s = try Self.state()
    _ = s.apply(.backward(animate: false, mode: .full))
    let norms = s.bptt!.lastLossHiddenGradNorms[0]
    let v = ScopeGrid(s)
    let r = try #require(v.rect(.gradient))
    let y = r.maxY - 3  // above the time row
    #expect(v.text(y, r.x + 1, r.x + 6) == "×back")
    var shrinking = 0
    for t in v.steps(r, taken: s.stepsTaken) {
      let cell = v.grid[v.x(r, t), y]
      guard t > 0, norms[t] > 0 else {
        #expect(cell.char == " ", "t=\(t): no factor")
        continue
      }
      let f = norms[t - 1] / norms[t]
      #expect(Character(cell.char) == Self.glyph(f), "t=\(t): ×\(f)")
      #expect(cell.fg == (f < 1 ? v.theme.vanishing : v.theme.exploding), "t=\(t)")
      if f < 1 { shrinking += 1 }
    }
    #expect(shrinking > 5, "a vanishing profile shrinks going back")
  }

  @Test func theCursorReadsOutItsFactorAndJacobianNorm() throws {
    var s = try Self.state()
    _ = s.apply(.backward(animate: false, mode: .full))
    _ = s.apply(.cursor(to: 20))
    let norms = s.bptt!.lastLossHiddenGradNorms[0]
    let j = StepJacobian.norm(
      s.model.parameters.layers[0], cell: .rnn, activation: .tanh,
      step: s.record(20)!.layers[0])
    let said =
      "t=21: ×\(NumberFormat.short(norms[19] / norms[20], digits: 2)) back, "
      + "‖J‖₂ \(NumberFormat.short(j, digits: 2))"
    let v = ScopeGrid(s)
    let r = try #require(v.rect(.gradient))
    #expect(v.text(r.y + 1, r.x + 1, r.maxX - 1).contains(said), "\(said)")
    // At 80×24 the header still holds both numbers whole.
    let small = ScopeGrid(s, width: 80, height: 24)
    let sr = try #require(small.rect(.gradient))
    let header = small.text(sr.y + 1, sr.x + 1, sr.maxX - 1)
    #expect(header.contains("×\(NumberFormat.short(norms[19] / norms[20], digits: 2))"))
    #expect(header.contains("‖J‖₂ \(NumberFormat.short(j, digits: 2))"))
  }

  @Test func walkingBackReadsOutTheStepLastCrossedAndRevealsTheStrip() throws {
    var s = try Self.state()
    _ = s.apply(.backward(animate: true, mode: .full))
    _ = s.tick(seconds: 0.5)
    let a = try #require(s.animation)
    let norms = s.bptt!.lastLossHiddenGradNorms[0]
    let v = ScopeGrid(s)
    let r = try #require(v.rect(.gradient))
    let f = NumberFormat.short(norms[a] / norms[a + 1], digits: 2)
    #expect(v.text(r.y + 1, r.x + 1, r.maxX - 1).contains("◀ t=\(a + 2): ×\(f) back"))
    let y = r.maxY - 3
    for t in v.steps(r, taken: s.stepsTaken) {
      let drawn = v.grid[v.x(r, t), y].char != " "
      #expect(drawn == (t > a && norms[t] > 0), "t=\(t), the gradient at t=\(a + 1)")
    }
  }

  /// The LSTM's norm is the whole state's, ‖∂(h,c)_t/∂(h,c)_{t−1}‖₂, with the carousel's max f_t
  /// beside it; at 80×24 the short name still says (h,c).
  @Test func anLSTMsJacobianIsTheWholeStates() throws {
    var o = ScopeOptions()
    o.cell = .lstm
    o.hidden = 8
    o.task = .echo
    o.length = 12
    var s = try ScopeState(options: o)
    _ = s.apply(.step(count: 12))
    _ = s.apply(.backward(animate: false, mode: .full))
    _ = s.apply(.cursor(to: 6))
    let layer = try #require(s.record(6)?.layers.last)
    let p = s.model.parameters.layers[0]
    let j = StepJacobian.norm(p, cell: .lstm, activation: .tanh, step: layer)
    let ms = StepJacobian.matrix(p, cell: .lstm, activation: .tanh, step: layer)
    #expect(ms.rows == 16 && ms.cols == 16)
    let f = try #require(s.stepBackFactors[6 - s.firstKept])
    let maxF = try #require(layer.gate(LSTMGate.f).max())
    let n = NumberFormat.short(j, digits: 2)
    let back = "t=7: ×\(NumberFormat.short(f, digits: 2)) back, "
    let forget = ", max f \(NumberFormat.short(maxF, digits: 2))"
    // At 120×40 in the short name, wide enough in the long one; in the header's colour.
    for (w, h, name) in [(120, 40, "‖J(h,c)‖₂"), (200, 50, "‖∂(h,c)_t/∂(h,c)_{t−1}‖₂")] {
      let said = back + name + " \(n)" + forget
      let v = ScopeGrid(s, width: w, height: h)
      let r = try #require(v.rect(.gradient))
      let header = v.text(r.y + 1, r.x + 1, r.maxX - 1)
      let at = try #require(header.range(of: said), "\(w)×\(h): \(header)")
      let x = r.x + 1 + header.distance(from: header.startIndex, to: at.lowerBound)
      #expect(v.grid[x, r.y + 1].fg == v.theme.accent)
      #expect(!header.contains("held"))
    }
    let small = ScopeGrid(s, width: 80, height: 24)
    let sr = try #require(small.rect(.gradient))
    #expect(small.text(sr.y + 1, sr.x + 1, sr.maxX - 1).contains("‖J(h,c)‖₂ \(n)"))
    guard case .message(let report) = CommandLanguage.execute("show gradients", on: &s) else {
      Issue.record("show gradients")
      return
    }
    #expect(
      report.contains(
        "‖J_t‖₂ = ‖∂(h,c)_t/∂(h,c)_{t−1}‖₂ = \(NumberFormat.short(j)), "
          + "‖∂c_t/∂c_{t−1}‖₂ = max f_t = \(NumberFormat.short(maxF))"), "\(report)")
  }

  @Test func showGradientsSaysTheFactorTheNormAndTheWindow() throws {
    var s = try Self.state(length: 20)
    for line in ["backward k1=4 k2=8", "cursor 16"] { _ = CommandLanguage.execute(line, on: &s) }
    let norms = s.bptt!.lastLossHiddenGradNorms[0]
    let j = StepJacobian.norm(
      s.model.parameters.layers[0], cell: .rnn, activation: .tanh,
      step: s.record(15)!.layers[0])
    guard case .message(let said) = CommandLanguage.execute("show gradients", on: &s) else {
      Issue.record("show gradients")
      return
    }
    #expect(
      said.contains(
        "at t=16: ×\(NumberFormat.short(norms[14] / norms[15])) back to t=15, "
          + "‖J_t‖₂ = ‖∂h_t/∂h_{t−1}‖₂ = \(NumberFormat.short(j))"), "\(said)")
    #expect(said.contains("truncated k1=4 k2=8: L_T goes back through t=13…20"), "\(said)")
  }
}
