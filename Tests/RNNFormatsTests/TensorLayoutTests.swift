import Foundation
import Testing

@testable import RNNCore
@testable import RNNFormats

/// Weights as users' own PyTorch modules name them (Tests/Layouts, made by
/// scripts/golden/make_layouts.py): prefixes other than rnnscope's load and trace as the module's
/// own forward pass computed them; bias=False loads; files of other formats and models rnnscope
/// cannot step are refused with what they are and what to do.
struct TensorLayoutTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Layouts")

  static func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
  }

  @Test(arguments: ["lstm_encoder_decoder", "gru_no_bias", "rnn_module_prefix"])
  func aModulesOwnNamesTraceAsItsForwardPass(_ name: String) throws {
    let dir = Self.root.appendingPathComponent(name)
    let model = try ModelWeights.load(path: dir.appendingPathComponent("weights.safetensors").path)
    let specPath = dir.appendingPathComponent("spec.json").path
    let spec = try TraceSpec.parse(
      try Data(contentsOf: URL(fileURLWithPath: specPath)), file: specPath, model: model)
    let r = TraceReport(model: model, spec: spec)
    let want =
      try JSONSerialization.jsonObject(
        with: try Data(contentsOf: dir.appendingPathComponent("expected.json"))) as! [String: Any]
    #expect(Self.close(r.loss, want["loss"] as! Double), "loss \(r.loss)")
    let outputs = want["outputs"] as! [[Double]]
    #expect(r.outputs.count == outputs.count)
    for (g, w) in zip(r.outputs, outputs) {
      #expect(zip(g, w).allSatisfy { Self.close($0, $1) })
    }
    let hidden = want["hidden"] as! [[Double]]
    for (k, h) in hidden.enumerated() {
      #expect(zip(r.hidden[k].last!, h).allSatisfy { Self.close($0, $1) }, "layer \(k)")
    }
  }

  /// Two recurrent modules (a GRU encoder, an LSTM decoder): refused as ambiguous by name, and
  /// opened as the user names them, the decoder tracing as PyTorch ran it alone.
  @Test func tensorNamesSettleTwoRecurrentModules() throws {
    let dir = Self.root.appendingPathComponent("seq2seq_decoder")
    let path = dir.appendingPathComponent("weights.safetensors").path
    let contents = try SafeTensors.read(path: path)
    #expect(throws: WeightsError.self) { try ModelWeights.model(from: contents, file: path) }
    do {
      _ = try ModelWeights.model(from: contents, file: path)
    } catch let e as WeightsError {
      #expect(e.description.contains("more than one recurrent module"))
    }
    let names = try TensorNames(parsing: "rnn=decoder,fc=out")
    #expect(names.prefixes == ["rnn": "decoder.", "fc": "out."])
    let model = try ModelWeights.model(from: contents, file: path, names: names)
    #expect(model.config.cell == .lstm && model.config.hiddenSize == 5)
    let specPath = dir.appendingPathComponent("spec.json").path
    let spec = try TraceSpec.parse(
      try Data(contentsOf: URL(fileURLWithPath: specPath)), file: specPath, model: model)
    let r = TraceReport(model: model, spec: spec)
    let want =
      try JSONSerialization.jsonObject(
        with: try Data(contentsOf: dir.appendingPathComponent("expected.json"))) as! [String: Any]
    #expect(Self.close(r.loss, want["loss"] as! Double), "loss \(r.loss)")
    for (g, w) in zip(r.outputs, want["outputs"] as! [[Double]]) {
      #expect(zip(g, w).allSatisfy { Self.close($0, $1) })
    }
    // The encoder, named instead, is a GRU of the same sizes: it loads as one.
    let encoder = try ModelWeights.model(
      from: contents, file: path, names: try TensorNames(parsing: "rnn=encoder.,fc=out."))
    #expect(encoder.config.cell == .gru)
  }

  @Test func tensorNamesRefusalsSayWhat() throws {
    func problem(_ text: String) -> String {
      do {
        _ = try TensorNames(parsing: text)
        return ""
      } catch { return error.problem }
    }
    #expect(problem("rnn=decoder").contains("name both rnn= and fc="))
    #expect(problem("lstm=decoder,fc=out").contains("expected rnn=PREFIX,fc=PREFIX"))
    #expect(problem("rnn=a,rnn=b,fc=out").contains("rnn= given twice"))
    let path = Self.root.appendingPathComponent("seq2seq_decoder/weights.safetensors").path
    let contents = try SafeTensors.read(path: path)
    do {
      _ = try ModelWeights.model(
        from: contents, file: path, names: try TensorNames(parsing: "rnn=dec,fc=out"))
      Issue.record("a prefix that names nothing loaded")
    } catch let e as WeightsError {
      #expect(e.description.contains("dec.weight_ih_l0"))
      #expect(e.description.contains("names no recurrent module; the file holds decoder."))
    }
  }

  /// A character model whose vocabulary is in its own order (not sorted): the file's order is the
  /// one used, so a text traces and a prime continues (greedily) exactly as PyTorch computed.
  @Test func aPermutedVocabularyTracesAndSamplesAsPyTorch() throws {
    let dir = Self.root.appendingPathComponent("char_permuted_vocab")
    let path = dir.appendingPathComponent("weights.safetensors").path
    let contents = try SafeTensors.read(path: path)
    let model = try ModelWeights.model(from: contents, file: path)
    let want =
      try JSONSerialization.jsonObject(
        with: try Data(contentsOf: dir.appendingPathComponent("expected.json"))) as! [String: Any]
    let v = try #require(try ModelVocabulary.read(contents.metadata, model: model, file: path))
    let order = (want["vocab"] as! [String]).map { Character($0) }
    #expect(v.characters == order)
    #expect(order != order.sorted(), "the fixture's order is not the sorted one")
    let specPath = dir.appendingPathComponent("spec.json").path
    let spec = try TraceSpec.parse(
      try Data(contentsOf: URL(fileURLWithPath: specPath)), file: specPath, model: model,
      vocabulary: v)
    let r = TraceReport(model: model, spec: spec)
    #expect(Self.close(r.loss, want["loss"] as! Double), "loss \(r.loss)")
    let greedy = sampleText(
      model: model, vocabulary: v, prime: want["prime"] as! String, length: 30, temperature: 1e-3,
      seed: 1)
    #expect(greedy == want["greedy"] as! String)
    // Without the file's vocabulary a text cannot be traced.
    #expect(throws: SpecError.self) {
      _ = try TraceSpec.parse(
        try Data(contentsOf: URL(fileURLWithPath: specPath)), file: specPath, model: model)
    }
  }

  @Test(arguments: [
    (#"[1, 2]"#, "is not a JSON list of strings"),
    (#"["a", "bc"]"#, "entry 1 is \"bc\": each entry must be one character"),
    (#"["a", "a"]"#, "lists \"a\" twice"),
    (#"["a", "b"]"#, "has 2 characters but the model reads 14 tokens and predicts 14"),
  ])
  func aBadVocabularyIsRefused(_ vocab: String, _ message: String) throws {
    let path = Self.root.appendingPathComponent("char_permuted_vocab/weights.safetensors").path
    let model = try ModelWeights.load(path: path)
    #expect {
      _ = try ModelVocabulary.read(["vocab": vocab], model: model, file: path)
    } throws: { e in
      (e as? WeightsError)?.description.contains(message) == true
    }
  }

  @Test func theLayoutsAreTheModulesOwn() throws {
    let lstm = try ModelWeights.load(
      path: Self.root.appendingPathComponent("lstm_encoder_decoder/weights.safetensors").path)
    #expect(lstm.config.cell == .lstm && lstm.config.numLayers == 2)
    #expect(lstm.config.embeddingCount == 9)
    let gru = try ModelWeights.load(
      path: Self.root.appendingPathComponent("gru_no_bias/weights.safetensors").path)
    #expect(gru.config.cell == .gru)
    #expect(gru.parameters["rnn.bias_ih_l0"].allSatisfy { $0 == 0 }, "bias=False reads as zeros")
    #expect(gru.parameters["fc.bias"].allSatisfy { $0 == 0 })
    let relu = try ModelWeights.load(
      path: Self.root.appendingPathComponent("rnn_module_prefix/weights.safetensors").path)
    #expect(relu.config.activation == .relu)
  }

  @Test(arguments: [
    ("model.pt", "is a torch.save file (zip), not safetensors; convert it with: python3 -c"),
    ("legacy.pt", "is a pickle (torch.save's older format), not safetensors"),
    ("weights.npz", "is a NumPy .npz archive, not safetensors; convert it with: python3 -c"),
    ("bidirectional.safetensors", "tensor rnn.bias_hh_l0_reverse: belongs to a bidirectional RNN"),
    ("projected.safetensors", "tensor rnn.weight_hr_l0: belongs to an LSTM with proj_size"),
  ])
  func otherFilesAreRefusedSayingWhatTheyAre(_ file: String, _ message: String) throws {
    let path = Self.root.appendingPathComponent("refused/" + file).path
    do {
      _ = try ModelWeights.load(path: path)
      Issue.record("\(file) was accepted")
    } catch let e as WeightsError {
      #expect(e.description.hasPrefix(path + ": "))
      #expect(e.description.contains(message), "\(e.description)")
      if file.hasSuffix(".pt") || file.hasSuffix(".npz") {
        // The line names the file and where the conversion writes.
        let out = String(path.dropLast(file.hasSuffix(".pt") ? 3 : 4)) + ".safetensors"
        #expect(e.description.contains("'\(path)'") && e.description.contains("'\(out)'"))
      }
    }
  }

  /// The conversion line printed for a .pt file works: PyTorch runs it, and the result loads.
  /// (Skipped, and reported so, where PyTorch is not installed.)
  @Test(.enabled(if: hasTorch(), "needs python3 with torch and safetensors"))
  func theConversionLineConverts() throws {
    let dir = NSTemporaryDirectory() + "rnnscope-layout-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let pt = dir + "/model.pt"
    try FileManager.default.copyItem(
      atPath: Self.root.appendingPathComponent("refused/model.pt").path, toPath: pt)
    var line = ""
    do { _ = try ModelWeights.load(path: pt) } catch let e as WeightsError { line = e.description }
    let command = try #require(line.range(of: "python3 -c ").map { String(line[$0.lowerBound...]) })
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let model = try ModelWeights.load(path: dir + "/model.safetensors")
    #expect(model.config.cell == .lstm && model.config.embeddingCount == 9)
  }

  static func hasTorch() -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import torch, safetensors"]
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }

  /// A file with no recurrent layer lists what it holds.
  @Test func nothingRecognisedListsTheTensorsFound() {
    do {
      _ = try TensorLayout.resolve([
        "enc.weight": [4, 3], "dense.weight": [2, 4], "dense.bias": [2],
      ])
      Issue.record("accepted")
    } catch {
      #expect(error.problem.contains("expected a tensor named PREFIX.weight_ih_l0"))
      #expect(error.problem.contains("dense.bias [2], dense.weight [2, 4], enc.weight [4, 3]"))
    }
  }
}
