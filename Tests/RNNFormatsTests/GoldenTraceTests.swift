import Foundation
import Testing

@testable import RNNCore
@testable import RNNFormats

/// `rnnscope trace` against PyTorch: Tests/Golden/<case>/ holds weights.safetensors, spec.json and
/// the expected.json that scripts/golden/make_golden.py computed with PyTorch's autograd in
/// float64.
struct GoldenTraceTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static var cases: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter {
      !$0.hasPrefix(".")
    }.sorted()
  }

  @Test func thereAreGoldenCasesOfEveryCell() {
    let names = Self.cases
    #expect(names.count >= 12)
    for cell in ["rnn_tanh", "rnn_relu", "rnn_sigmoid", "lstm", "gru"] {
      #expect(names.contains { $0.hasPrefix(cell) }, "\(cell)")
    }
  }

  /// Elementwise |a − b| ≤ 1e-6 · max(|a|, |b|, floor): norms are compared purely relatively (floor
  /// 0), so 1e-140 must match 1e-140; values that are sums of many terms get a floor of 1e-9 × the
  /// array's largest magnitude, below which both sides are round-off.
  static func compare(
    _ got: Any, _ want: Any, path: String, floor: Double, failures: inout [String]
  ) {
    switch (got, want) {
    case (let g as [Any], let w as [Any]):
      guard g.count == w.count else {
        failures.append("\(path): \(g.count) entries, PyTorch has \(w.count)")
        return
      }
      for i in g.indices {
        compare(g[i], w[i], path: "\(path)[\(i)]", floor: floor, failures: &failures)
      }
    case (let g as [String: Any], let w as [String: Any]):
      guard Set(g.keys) == Set(w.keys) else {
        failures.append("\(path): keys \(g.keys.sorted()) vs \(w.keys.sorted())")
        return
      }
      for k in w.keys.sorted() {
        compare(g[k]!, w[k]!, path: "\(path).\(k)", floor: floor, failures: &failures)
      }
    case (let g as NSNumber, let w as NSNumber):
      let a = g.doubleValue
      let b = w.doubleValue
      if abs(a - b) > 1e-6 * max(abs(a), abs(b), floor) {
        failures.append("\(path): \(a) vs PyTorch \(b)")
      }
    case (let g as String, let w as String):
      if g != w { failures.append("\(path): \(g) vs \(w)") }
    default:
      failures.append("\(path): \(type(of: got)) vs \(type(of: want))")
    }
  }

  static func maxAbs(_ v: Any) -> Double {
    if let a = v as? [Any] { return a.map(maxAbs).max() ?? 0 }
    if let n = v as? NSNumber { return abs(n.doubleValue) }
    return 0
  }

  @Test(arguments: cases)
  func traceAgreesWithPyTorch(_ name: String) throws {
    let dir = Self.root.appendingPathComponent(name)
    let model = try ModelWeights.load(path: dir.appendingPathComponent("weights.safetensors").path)
    let specPath = dir.appendingPathComponent("spec.json").path
    let spec = try TraceSpec.parse(
      try Data(contentsOf: URL(fileURLWithPath: specPath)), file: specPath, model: model)
    let got =
      try JSONSerialization.jsonObject(with: try TraceReport(model: model, spec: spec).json())
      as! [String: Any]
    let want =
      try JSONSerialization.jsonObject(
        with: try Data(contentsOf: dir.appendingPathComponent("expected.json"))) as! [String: Any]
    #expect(Set(got.keys) == Set(want.keys), "keys")
    var failures: [String] = []
    for key in want.keys.sorted() {
      guard let g = got[key], let w = want[key] else { continue }
      switch key {
      case "grad_norm_h", "grad_norm_c", "grad_norm_last_h", "grad_norm_last_c", "spectral":
        Self.compare(g, w, path: key, floor: 0, failures: &failures)
      case "grads":
        let gg = g as! [String: Any]
        let ww = w as! [String: Any]
        #expect(Set(gg.keys) == Set(ww.keys), "parameter names")
        for p in ww.keys.sorted() {
          guard let gv = gg[p] else { continue }
          Self.compare(
            gv, ww[p]!, path: "grads.\(p)", floor: 1e-9 * Self.maxAbs(ww[p]!), failures: &failures)
        }
      default:
        Self.compare(g, w, path: key, floor: 1e-9 * Self.maxAbs(w), failures: &failures)
      }
    }
    #expect(
      failures.isEmpty,
      "\(name): \(failures.count) mismatches, first: \(failures.prefix(5).joined(separator: "; "))")
  }

  @Test func manyToOneSigmoidGradientReaches1e140() throws {
    let dir = Self.root.appendingPathComponent("rnn_sigmoid_manytoone_171")
    let model = try ModelWeights.load(path: dir.appendingPathComponent("weights.safetensors").path)
    let specPath = dir.appendingPathComponent("spec.json").path
    let spec = try TraceSpec.parse(
      try Data(contentsOf: URL(fileURLWithPath: specPath)), file: specPath, model: model)
    let r = TraceReport(model: model, spec: spec)
    #expect(r.gradNormLastH[0][0] > 1e-160 && r.gradNormLastH[0][0] < 1e-120)
  }
}
