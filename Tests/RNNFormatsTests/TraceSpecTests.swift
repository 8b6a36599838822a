import Foundation
import Testing

@testable import RNNCore
@testable import RNNFormats

/// SPEC.json checks: every bad spec gets a message that says what is wrong.
struct TraceSpecTests {
  static let model = Model(
    config: ModelConfig(cell: .lstm, inputSize: 3, hiddenSize: 4, outputSize: 2), seed: 1)
  static let embedded = Model(
    config: ModelConfig(cell: .gru, inputSize: 3, hiddenSize: 4, outputSize: 5, embeddingCount: 7),
    seed: 1)

  static func parse(_ json: String, _ m: Model = model) throws -> TraceSpec {
    try TraceSpec.parse(json.data(using: .utf8)!, file: "spec.json", model: m)
  }

  @Test func goodSpecs() throws {
    let a = try Self.parse(#"{"inputs": [[1, 2, 3], [0, 0, 0.5]], "targets": [null, 1]}"#)
    #expect(a.inputs == [.vector([1, 2, 3]), .vector([0, 0, 0.5])])
    #expect(a.targets == [nil, .index(1)])
    #expect(a.loss == .crossEntropy)
    let b = try Self.parse(#"{"inputs": [[1, 2, 3]], "targets": [[0.5, -1]]}"#)
    #expect(b.loss == .mse)
    let c = try Self.parse(
      #"{"tokens": [0, 6, 2], "loss": "cross_entropy", "targets": [4, null, 0]}"#, Self.embedded)
    #expect(c.inputs == [.token(0), .token(6), .token(2)])
    // One-hot tokens on a model without an embedding index the input size.
    let d = try Self.parse(#"{"tokens": [2, 0]}"#)
    #expect(d.inputs == [.token(2), .token(0)])
    #expect(d.targets == [nil, nil])
  }

  @Test(arguments: [
    ("not json", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
    (#"{"inputs": [[1, 2]]}"#, "inputs[0] has 2 numbers; the model's input size is 3"),
    (#"{"inputs": []}"#, "the sequence is empty"),
    (#"{"tokens": []}"#, "the sequence is empty"),
    (#"{"tokens": [3]}"#, "tokens[0] = 3 is out of range 0…2"),
    (#"{"tokens": [1.5]}"#, "tokens[0] is not an integer"),
    (#"{"tokens": [1], "inputs": [[1, 2, 3]]}"#, "either"),
    (#"{}"#, "missing \"inputs\""),
    (
      #"{"inputs": [[1, 2, 3]], "targets": [1, 0]}"#,
      "\"targets\" has 2 entries but the sequence has 1 steps"
    ),
    (#"{"inputs": [[1, 2, 3]], "targets": [2]}"#, "targets[0] = 2 is out of range 0…1"),
    (
      #"{"inputs": [[1, 2, 3]], "targets": [[1]]}"#,
      "targets[0] has 1 numbers; the model's output size is 2"
    ),
    (#"{"inputs": [[1, 2, 3]], "loss": "hinge"}"#, "unknown loss"),
    (
      #"{"inputs": [[1, 2, 3]], "targets": [[1, 2]], "loss": "cross_entropy"}"#,
      "the cross_entropy loss takes class indices"
    ),
    (#"{"inputs": [[1, 2, 3]], "targets": [1], "loss": "mse"}"#, "the mse loss takes vectors"),
    (#"{"inputs": [[1, 2, 1e999]]}"#, "not valid JSON"),  // JSON has no infinity
    (#"{"inputs": [[1, "a", 3]]}"#, "inputs[0][1] is not a number"),
    (#"{"input": [[1, 2, 3]]}"#, "unknown key \"input\""),
  ])
  func badSpecsAreRefused(_ json: String, _ message: String) {
    do {
      _ = try Self.parse(json)
      Issue.record("accepted: \(json)")
    } catch let e as SpecError {
      #expect(e.description.hasPrefix("spec.json: "))
      #expect(e.description.contains(message), "\(json) → \(e.description)")
    } catch { Issue.record("unexpected \(error)") }
  }

  @Test func reportHasTheDocumentedKeys() throws {
    let spec = try Self.parse(#"{"inputs": [[1, 2, 3], [0, 1, 0]], "targets": [0, 1]}"#)
    let json =
      try JSONSerialization.jsonObject(with: try TraceReport(model: Self.model, spec: spec).json())
      as! [String: Any]
    #expect(
      Set(json.keys) == [
        "cell", "activation", "layers", "input_size", "hidden_size", "output_size", "steps", "loss",
        "outputs", "hidden", "cell_state", "grad_norm_h", "grad_norm_c", "grad_norm_last_h",
        "grad_norm_last_c", "grads", "spectral",
      ])
    let gru = try Self.parse(#"{"tokens": [1]}"#, Self.embedded)
    let g =
      try JSONSerialization.jsonObject(
        with: try TraceReport(model: Self.embedded, spec: gru).json()) as! [String: Any]
    #expect(g["cell_state"] == nil && g["grad_norm_c"] == nil && g["grad_norm_last_c"] == nil)
    #expect((g["grads"] as! [String: Any]).keys.contains("embedding.weight"))
    #expect(((g["spectral"] as! [String: Any])["rnn.weight_hh_l0"] as! [Any]).count == 3)
  }
}
