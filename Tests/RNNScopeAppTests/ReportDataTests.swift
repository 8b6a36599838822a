import Foundation
import RNNCore
import Testing

@testable import RNNScopeApp

/// The `show` reports as data (`run --json`): the engine's numbers, unformatted.
struct ReportDataTests {
  static func run(_ line: String, _ s: inout ScopeState) {
    if case .error(let e) = CommandLanguage.execute(line, on: &s) { Issue.record("\(line): \(e)") }
  }

  static func numbers(_ v: ReportValue?) -> [Double?] {
    guard case .array(let a)? = v else { return [] }
    return a.map { if case .number(let x) = $0 { return x } else { return nil } }
  }

  static func fields(_ v: ReportValue) -> [String: ReportValue] {
    if case .object(let o) = v { return o }
    return [:]
  }

  @Test func gradientsStatesAndSpectrumAreTheEngines() throws {
    var s = try ScopeState()
    Self.run("model cell=lstm hidden=5 seed=4", &s)
    Self.run("step 9", &s)
    Self.run("backward", &s)
    let g = Self.fields(s.reportData(.gradients))
    let b = try #require(s.bptt)
    #expect(Self.numbers(g["norms"]) == b.lastLossHiddenGradNorms[0].map { $0 })
    #expect(Self.numbers(g["t"]) == (1...9).map { Double($0) })
    #expect(Self.numbers(g["factors"]) == s.stepBackFactors)
    let last = s.pass.steps.last!
    #expect(Self.numbers(Self.fields(s.reportData(.h))["values"]) == last.hidden[0])
    #expect(Self.numbers(Self.fields(s.reportData(.c))["values"]) == last.cell[0])
    let gates = Self.fields(Self.fields(s.reportData(.gates))["gates"] ?? .null)
    #expect(Self.numbers(gates["f"]) == Array(last.layers[0].gates[5..<10]))
    let spec = Self.fields(s.reportData(.spectrum))
    let w = Spectral.candidateBlock(s.model.parameters.layers[0].weightHH, cell: .lstm, hidden: 5)
    guard case .array(let eig)? = spec["eigenvalues"] else {
      Issue.record("no eigenvalues")
      return
    }
    #expect(eig.count == 5)
    let want = try #require(Spectral.eigenvalues(w)).map(\.magnitude).sorted(by: >)
    let got = eig.map { Self.numbers($0) }.map {
      (($0[0]! * $0[0]!) + $0[1]! * $0[1]!).squareRoot()
    }
    #expect(zip(got, want).allSatisfy { abs($0 - $1) < 1e-12 })
    // Loss per step: the tape's own.
    let loss = Self.fields(s.reportData(.loss))
    #expect(Self.numbers(loss["per_step"]) == s.pass.steps.map(\.loss))
    guard case .number(let total)? = loss["total"] else { return }
    #expect(total == s.pass.totalLoss)
  }

  @Test func notFiniteIsNullAndBeforeBackwardIsEmpty() throws {
    var s = try ScopeState()
    Self.run("step 3", &s)
    #expect(Self.numbers(Self.fields(s.reportData(.gradients))["norms"]).isEmpty)
    #expect(ReportValue.number(.nan).foundation is NSNull)
    #expect(ReportValue.number(.infinity).foundation is NSNull)
  }
}
