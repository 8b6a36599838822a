import Foundation
import RNNCore

/// Why a spec was refused.
public struct SpecError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(description: String) { self.description = description }
}

extension TraceSpec {
  /// Parses and checks SPEC.json against the model: `{"inputs": [[…]…]}` (T × input_size),
  /// `{"tokens": [i…]}` or — for a character model with its `vocabulary` — `{"text": "…"}` (each
  /// step's target the next character unless given), optional `"targets"` (per step: class index,
  /// vector or null) and `"loss"`.
  public static func parse(
    _ data: Data, file: String, model: Model, vocabulary: CharVocabulary? = nil
  ) throws -> TraceSpec {
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
    let known: Set<String> = ["inputs", "tokens", "text", "targets", "loss"]
    if let k = obj.keys.sorted().first(where: { !known.contains($0) }) {
      throw fail("unknown key \"\(k)\" (a spec has inputs, tokens or text, targets, loss)")
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
    var textTokens: [Int]? = nil
    if let tx = obj["text"] {
      guard obj["inputs"] == nil, obj["tokens"] == nil else {
        throw fail("give one of \"inputs\", \"tokens\" and \"text\"")
      }
      guard let text = tx as? String else { throw fail("\"text\" must be a string") }
      guard let v = vocabulary else {
        throw fail(
          "\"text\" needs a character model with its vocabulary (__metadata__ \"vocab\" in the "
            + "weights file); give \"tokens\" instead")
      }
      let unknown = v.missing(in: text)
      guard unknown.isEmpty else {
        throw fail(
          "\"text\" has characters the model does not know: "
            + unknown.prefix(8).map { "'\(visible(String($0)))'" }.joined(separator: ", "))
      }
      textTokens = v.encode(text)
      inputs = textTokens!.map { .token($0) }
    } else {
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
    if let tokens = textTokens, obj["targets"] == nil {
      // A text's targets: the next character (none after the last).
      for t in tokens.indices.dropLast() { targets[t] = .index(tokens[t + 1]) }
    }
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
