import Foundation

/// One sequence to trace: SPEC.json of `rnnscope trace`.
public struct TraceSpec: Sendable {
  public var inputs: [StepInput]
  public var targets: [Target?]
  public var loss: LossKind
}

/// Why a spec was refused.
public struct SpecError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(description: String) { self.description = description }
}

extension TraceSpec {
  /// Parses and checks SPEC.json against the model: `{"inputs": [[…]…]}` (T × input_size) or
  /// `{"tokens": [i…]}`, optional `"targets"` (one per step: class index, vector or null) and `"loss"`.
  public static func parse(_ data: Data, file: String, model: Model) throws -> TraceSpec {
    let c = model.config
    func fail(_ s: String) -> SpecError { SpecError(description: "\(file): \(s)") }
    let json: Any
    do {
      json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
      throw fail("not valid JSON" + (detail.map { " (\($0))" } ?? ""))
    }
    guard let obj = json as? [String: Any] else { throw fail("the spec must be a JSON object") }
    let known: Set<String> = ["inputs", "tokens", "targets", "loss"]
    if let k = obj.keys.sorted().first(where: { !known.contains($0) }) {
      throw fail("unknown key \"\(k)\" (a spec has inputs or tokens, targets, loss)")
    }
    func number(_ v: Any, _ what: String) throws -> Double {
      guard let n = v as? NSNumber, !(v is String) else { throw fail("\(what) is not a number") }
      let d = n.doubleValue
      guard d.isFinite else { throw fail("\(what) is not finite") }
      return d
    }
    func integer(_ v: Any, _ what: String) throws -> Int {
      let d = try number(v, what)
      guard d == d.rounded(), abs(d) < 1e15 else { throw fail("\(what) is not an integer") }
      return Int(d)
    }
    var inputs: [StepInput] = []
    switch (obj["inputs"], obj["tokens"]) {
    case (.some, .some): throw fail("give either \"inputs\" or \"tokens\", not both")
    case (nil, nil): throw fail("missing \"inputs\" (T × \(c.inputSize) numbers) or \"tokens\"")
    case (let x?, nil):
      guard let rows = x as? [Any] else { throw fail("\"inputs\" must be a list of steps") }
      for (t, r) in rows.enumerated() {
        guard let row = r as? [Any] else { throw fail("inputs[\(t)] is not a list of numbers") }
        guard row.count == c.inputSize else {
          throw fail(
            "inputs[\(t)] has \(row.count) numbers; the model's input size is \(c.inputSize)")
        }
        inputs.append(.vector(try row.enumerated().map { try number($1, "inputs[\(t)][\($0)]") }))
      }
    case (nil, let x?):
      guard let toks = x as? [Any] else { throw fail("\"tokens\" must be a list of integers") }
      for (t, v) in toks.enumerated() {
        let i = try integer(v, "tokens[\(t)]")
        guard i >= 0 && i < c.tokenCount else {
          throw fail(
            "tokens[\(t)] = \(i) is out of range 0…\(c.tokenCount - 1)"
              + (c.embeddingCount == nil
                ? " (one-hot over the input size)" : " (rows of embedding.weight)"))
        }
        inputs.append(.token(i))
      }
    }
    guard !inputs.isEmpty else { throw fail("the sequence is empty") }
    guard inputs.count <= 1_000_000 else {
      throw fail("the sequence has \(inputs.count) steps; at most 1000000")
    }
    var loss: LossKind? = nil
    if let l = obj["loss"] {
      guard let s = l as? String, let k = LossKind(rawValue: s) else {
        throw fail("unknown loss \(l) (cross_entropy or mse)")
      }
      loss = k
    }
    var targets = [Target?](repeating: nil, count: inputs.count)
    if let tv = obj["targets"] {
      guard let list = tv as? [Any] else {
        throw fail("\"targets\" must be a list, one entry per step")
      }
      guard list.count == inputs.count else {
        throw fail(
          "\"targets\" has \(list.count) entries but the sequence has \(inputs.count) steps")
      }
      for (t, v) in list.enumerated() {
        if v is NSNull { continue }
        if let vec = v as? [Any] {
          if loss == nil { loss = .mse }
          guard loss == .mse else {
            throw fail("targets[\(t)] is a vector; the cross_entropy loss takes class indices")
          }
          guard vec.count == c.outputSize else {
            throw fail(
              "targets[\(t)] has \(vec.count) numbers; the model's output size is \(c.outputSize)")
          }
          targets[t] = .vector(try vec.enumerated().map { try number($1, "targets[\(t)][\($0)]") })
        } else {
          if loss == nil { loss = .crossEntropy }
          guard loss == .crossEntropy else {
            throw fail("targets[\(t)] is a class index; the mse loss takes vectors")
          }
          let y = try integer(v, "targets[\(t)]")
          guard y >= 0 && y < c.outputSize else {
            throw fail(
              "targets[\(t)] = \(y) is out of range 0…\(c.outputSize - 1) (the model's outputs)")
          }
          targets[t] = .index(y)
        }
      }
    }
    return TraceSpec(inputs: inputs, targets: targets, loss: loss ?? .crossEntropy)
  }
}

/// The JSON `rnnscope trace` prints. Arrays are [layer][t][unit]; matrices are flattened row-major.
public struct TraceReport: Codable, Sendable {
  public struct Spectral: Codable, Sendable {
    public let radius: Double
    public let sigma_max: Double
  }
  public let cell: String
  public let activation: String
  public let layers: Int
  public let input_size: Int
  public let hidden_size: Int
  public let output_size: Int
  public let steps: Int
  public let loss: Double
  public let outputs: [[Double]]
  public let hidden: [[[Double]]]
  public let cell_state: [[[Double]]]?
  public let grad_norm_h: [[Double]]
  public let grad_norm_c: [[Double]]?
  public let grad_norm_last_h: [[Double]]
  public let grads: [String: [Double]]
  public let spectral: [String: [Spectral]]

  /// Peak memory of a trace of `steps` steps, estimated before anything is run: every step's record on the
  /// tape and its gradients, and every number of the report as an array and as JSON text. The bytes per
  /// number and per step were measured here (peak RSS of traces of 100,000 steps) and rounded up.
  public static func estimatedBytes(model: Model, steps: Int) -> Double {
    let c = model.config
    let H = Double(c.hiddenSize)
    let L = Double(c.numLayers)
    let O = Double(c.outputSize)
    let I = Double(c.inputSize)
    let numbersPerStep = O + L * H * (c.cell == .lstm ? 2 : 1) + 3 * L
    let tapePerStep = 8 * (L * (24 * H + I) + 3 * O) + 400 * (L + 1)
    let parameters = Double(model.parameters.names.reduce(0) { $0 + model.parameters[$1].count })
    return Double(steps) * (tapePerStep + numbersPerStep * bytesPerReportedNumber)
      + parameters * (3 * 8 + bytesPerReportedNumber)
  }

  static let bytesPerReportedNumber = 160.0

  /// Runs the model over the spec: forward, full BPTT, and spectral figures.
  public init(model: Model, spec: TraceSpec) {
    var pass = ForwardPass(model: model, loss: spec.loss)
    for t in spec.inputs.indices { pass.step(spec.inputs[t], target: spec.targets[t]) }
    let b = backpropagate(pass)
    let c = model.config
    cell = c.cell.rawValue
    activation = c.activation.rawValue
    layers = c.numLayers
    input_size = c.inputSize
    hidden_size = c.hiddenSize
    output_size = c.outputSize
    steps = pass.steps.count
    loss = pass.totalLoss
    outputs = pass.steps.map(\.outputs)
    hidden = (0..<c.numLayers).map { k in pass.steps.map { $0.hidden[k] } }
    cell_state =
      c.cell == .lstm ? (0..<c.numLayers).map { k in pass.steps.map { $0.cell[k] } } : nil
    grad_norm_h = b.hiddenGradNorms
    grad_norm_c = b.cellGradNorms
    grad_norm_last_h = b.lastLossHiddenGradNorms
    var g: [String: [Double]] = [:]
    for n in b.gradients.names { g[n] = b.gradients[n] }
    grads = g
    var s: [String: [Spectral]] = [:]
    for (name, blocks) in RNNCore.Spectral.report(model) {
      s[name] = blocks.map { Spectral(radius: $0.radius, sigma_max: $0.sigmaMax) }
    }
    spectral = s
  }

  /// The report as JSON (keys sorted, numbers at full precision).
  public func json() throws -> Data {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    e.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return try e.encode(self)
  }
}
