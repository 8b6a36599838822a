import Foundation
import RNNCore

/// A model to and from the tensors of a safetensors file, every shape checked against the others.
public enum ModelWeights {
  /// Builds a model from a file's tensors. The cell comes from `__metadata__` "cell", else from the
  /// shapes (weight_ih rows ÷ hidden = 1, 4 or 3); the RNN's activation from "activation" or tanh.
  /// `names`: which modules are the model's, when the user says (else found by name and shape).
  public static func model(
    from contents: SafeTensors.Contents, file: String, names: TensorNames? = nil
  ) throws -> Model {
    func fail(_ tensor: String?, _ problem: String) -> WeightsError {
      WeightsError(file: file, tensor: tensor, problem: problem)
    }
    // The file's tensors under rnnscope's names, whatever prefixes the file uses.
    var shapes: [String: [Int]] = [:]
    for t in contents.tensors { shapes[t.name] = t.shape }
    let fileName: [String: String]
    do { fileName = try TensorLayout.resolve(shapes, names: names) } catch {
      throw fail(error.tensor, error.problem)
    }
    var byName: [String: NamedTensor] = [:]
    let ourName = Dictionary(uniqueKeysWithValues: fileName.map { ($0.value, $0.key) })
    for t in contents.tensors {
      guard let ours = ourName[t.name] else { continue }
      byName[ours] = NamedTensor(name: ours, shape: t.shape, values: t.values)
    }
    // Refusals name the tensor as the file does.
    func theirs(_ name: String) -> String { fileName[name] ?? name }
    func tensor(_ name: String) throws -> NamedTensor {
      guard let t = byName[name] else { throw fail(theirs(name), "missing") }
      return t
    }
    func expectShape(_ name: String, _ shape: [Int]) throws -> NamedTensor {
      let t = try tensor(name)
      guard t.shape == shape else {
        throw fail(theirs(name), "shape \(t.shape) disagrees with the model: expected \(shape)")
      }
      return t
    }
    // Layers: rnn.weight_ih_l0, l1, … as long as they go.
    var layers = 0
    while byName["rnn.weight_ih_l\(layers)"] != nil { layers += 1 }
    guard layers > 0 else { throw fail(theirs("rnn.weight_ih_l0"), "missing") }
    let hh0 = try tensor("rnn.weight_hh_l0")
    guard hh0.shape.count == 2, hh0.shape[1] > 0 else {
      throw fail(theirs(hh0.name), "shape \(hh0.shape) is not a matrix (gates·H × H)")
    }
    let hidden = hh0.shape[1]
    let rows = hh0.shape[0]
    var cell: CellKind
    if let c = contents.metadata["cell"] {
      guard let k = CellKind(rawValue: c.lowercased()) else {
        throw fail(nil, "__metadata__ cell \"\(c)\" is not rnn, lstm or gru")
      }
      cell = k
      guard rows == k.gateCount * hidden else {
        throw fail(
          theirs(hh0.name),
          "shape \(hh0.shape) disagrees with cell \(c): expected [\(k.gateCount * hidden), "
            + "\(hidden)]"
        )
      }
    } else {
      guard rows % hidden == 0,
        let k = CellKind.allCases.first(where: { $0.gateCount == rows / hidden })
      else {
        throw fail(
          theirs(hh0.name), "shape \(hh0.shape) fits no cell (rows must be 1, 3 or 4 × \(hidden))")
      }
      cell = k
    }
    var activation = Activation.tanh
    if let a = contents.metadata["activation"] {
      guard let act = Activation(rawValue: a.lowercased()) else {
        throw fail(nil, "__metadata__ activation \"\(a)\" is not tanh, relu or sigmoid")
      }
      activation = act
      if cell != .rnn && act != .tanh {
        throw fail(nil, "__metadata__ activation \(a) applies only to cell rnn")
      }
    }
    let ih0 = try tensor("rnn.weight_ih_l0")
    guard ih0.shape.count == 2 else {
      throw fail(theirs(ih0.name), "shape \(ih0.shape) is not a matrix")
    }
    let inputSize = ih0.shape[1]
    guard inputSize > 0 else { throw fail(theirs(ih0.name), "has no input columns") }
    let fcW = try tensor("fc.weight")
    guard fcW.shape.count == 2, fcW.shape[1] == hidden, fcW.shape[0] > 0 else {
      throw fail(
        theirs("fc.weight"),
        "shape \(fcW.shape) disagrees with the model: expected [outputs, \(hidden)]")
    }
    var embeddingCount: Int? = nil
    if let e = byName["embedding.weight"] {
      guard e.shape.count == 2, e.shape[1] == inputSize, e.shape[0] > 0 else {
        throw fail(
          "embedding.weight",
          "shape \(e.shape) disagrees with \(theirs("rnn.weight_ih_l0")): expected [tokens, "
            + "\(inputSize)]"
        )
      }
      embeddingCount = e.shape[0]
    }
    let config = ModelConfig(
      cell: cell, activation: activation, inputSize: inputSize, hiddenSize: hidden,
      numLayers: layers, outputSize: fcW.shape[0], embeddingCount: embeddingCount)
    var p = ModelParameters(zerosFor: config)
    // bias=False (nn.RNN/LSTM/GRU's or nn.Linear's): no bias tensors at all, read as zeros; some
    // but not all is a broken file.
    let recurrentBiases = p.names.filter { $0.hasPrefix("rnn.bias_") }
    let noRecurrentBias = recurrentBiases.allSatisfy { byName[$0] == nil }
    for name in p.names {
      let absentBias =
        (recurrentBiases.contains(name) && noRecurrentBias)
        || (name == "fc.bias" && byName[name] == nil)
      if absentBias { continue }
      p[name] = try expectShape(name, p.shape(of: name)!).values
    }
    let known = Set(p.names)
    if let extra = byName.keys.sorted().first(where: { !known.contains($0) }) {
      throw fail(
        theirs(extra),
        "is not a parameter of this \(cell.rawValue) model of \(layers) "
          + "layer\(layers == 1 ? "" : "s") "
          + "(expected \(p.names.map(theirs).joined(separator: ", ")))"
      )
    }
    return Model(config: config, parameters: p)
  }

  /// Loads and validates a model from a safetensors file; nothing is half-loaded.
  public static func load(path: String) throws -> Model {
    try model(from: SafeTensors.read(path: path), file: path)
  }

  /// The model's tensors and metadata, as PyTorch names them.
  public static func tensors(of model: Model) -> [NamedTensor] {
    model.parameters.names.map {
      NamedTensor(name: $0, shape: model.parameters.shape(of: $0)!, values: model.parameters[$0])
    }
  }

  public static func metadata(of model: Model) -> [String: String] {
    [
      "cell": model.config.cell.rawValue, "activation": model.config.activation.rawValue,
      "format": "pt", "producer": "rnnscope",
    ]
  }

  /// What a model trained on `task` carries beside its weights: the task, a flip-flop's bits, and
  /// a text task's characters in id order (JSON).
  public static func metadata(for task: SequenceTask) -> [String: String] {
    var meta = ["task": task.kind.rawValue]
    if task.kind == .flipflop { meta["bits"] = String(task.bits) }
    if let v = task.vocabulary,
      let d = try? JSONSerialization.data(withJSONObject: v.characters.map { String($0) })
    {
      meta["vocab"] = String(decoding: d, as: UTF8.self)
    }
    return meta
  }

  /// Saves a model atomically (F32 by default, F64 on request).
  public static func save(
    _ model: Model, to path: String, dtype: DType = .f32, extraMetadata: [String: String] = [:]
  ) throws {
    try writeAtomically(
      encoded(model, dtype: dtype, extraMetadata: extraMetadata, file: path), to: path)
  }

  /// A model as safetensors bytes, refused when a weight is not finite or (F32) past float32's
  /// range; `file` names the destination in the refusal.
  public static func encoded(
    _ model: Model, dtype: DType, extraMetadata: [String: String] = [:], file path: String
  ) throws
    -> Data
  {
    if let bad = model.parameters.firstNonFinite {
      throw WeightsError(file: path, tensor: bad, problem: "holds NaN or Inf; not saved")
    }
    if dtype == .f32 {
      // A finite Double past float32's range would be written as ±Inf, which no reader accepts.
      for name in model.parameters.names {
        if let v = model.parameters[name].first(where: {
          abs($0) > Double(Float.greatestFiniteMagnitude)
        }) {
          throw WeightsError(
            file: path, tensor: name,
            problem: "holds \(v), beyond float32's range (±3.4e38); not saved")
        }
      }
    }
    let meta = metadata(of: model).merging(extraMetadata) { a, _ in a }
    return SafeTensors.encode(tensors(of: model), metadata: meta, dtype: dtype)
  }
}
