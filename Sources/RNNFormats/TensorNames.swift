import Foundation

/// Which of a file's modules are rnnscope's, said outright (`--tensors rnn=encoder.lstm,fc=head`):
/// for files the names alone cannot settle — two recurrent modules (an encoder and a decoder), or
/// modules besides the model's. Each of `rnn`, `fc` and `embedding` maps to the file's prefix of
/// that module's tensors; tensors under no prefix given are left alone.
public struct TensorNames: Sendable, Equatable {
  /// rnnscope's module (`rnn`, `fc`, `embedding`) → the file's prefix, ending in "." (or empty for
  /// names without one).
  public let prefixes: [String: String]

  public static let modules = ["rnn", "fc", "embedding"]
  public static let syntax = "rnn=PREFIX,fc=PREFIX[,embedding=PREFIX]"

  /// Parses `rnn=encoder.lstm,fc=head` (a prefix's final dot may be left out); `rnn` and `fc` are
  /// needed, `embedding` only for a model with one.
  public init(parsing text: String) throws(LayoutProblem) {
    var p: [String: String] = [:]
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = kv[0].trimmingCharacters(in: .whitespaces).lowercased()
      guard kv.count == 2, TensorNames.modules.contains(key) else {
        throw LayoutProblem(
          tensor: nil,
          problem: "tensor names '\(part)': expected \(TensorNames.syntax), e.g. "
            + "rnn=encoder.lstm,fc=decoder")
      }
      guard p[key] == nil else {
        throw LayoutProblem(tensor: nil, problem: "tensor names: \(key)= given twice")
      }
      let prefix = kv[1].trimmingCharacters(in: .whitespaces)
      p[key] = prefix.isEmpty || prefix.hasSuffix(".") ? prefix : prefix + "."
    }
    guard p["rnn"] != nil, p["fc"] != nil else {
      throw LayoutProblem(
        tensor: nil,
        problem: "tensor names '\(text)': name both rnn= and fc= (\(TensorNames.syntax))")
    }
    prefixes = p
  }

  /// The file's name for each of rnnscope's names, from the prefixes: the recurrent module's
  /// weights and biases, the head's weight (and bias), the embedding's weight. A prefix that
  /// finds nothing is refused with what the file holds.
  func resolve(_ shapes: [String: [Int]]) throws(LayoutProblem) -> [String: String] {
    let names = shapes.keys.sorted()
    let rnn = prefixes["rnn"]!
    var map: [String: String] = [:]
    let own = names.filter { $0.hasPrefix(rnn) && !$0.dropFirst(rnn.count).contains(".") }
    for n in own {
      let rest = String(n.dropFirst(rnn.count))
      guard rest.hasPrefix("weight_") || rest.hasPrefix("bias_") else { continue }
      if rest.hasSuffix("_reverse") {
        throw LayoutProblem(
          tensor: n,
          problem: "belongs to a bidirectional RNN; rnnscope steps one direction in time and "
            + "does not open bidirectional models")
      }
      if rest.hasPrefix("weight_hr_l") {
        throw LayoutProblem(
          tensor: n,
          problem: "belongs to an LSTM with proj_size (a projected hidden state); rnnscope's "
            + "LSTM has none and does not open such models")
      }
      map["rnn." + rest] = n
    }
    guard map["rnn.weight_ih_l0"] != nil else {
      throw LayoutProblem(
        tensor: rnn + "weight_ih_l0",
        problem: "missing: --tensors rnn=\(rnn) names no recurrent module; the file holds "
          + TensorLayout.listing(names, shapes))
    }
    // The head's (and the embedding's) weight under its prefix, or what the file holds instead.
    func weight(_ module: String, _ what: String) throws(LayoutProblem) -> String {
      let prefix = prefixes[module]!
      guard shapes[prefix + "weight"] != nil else {
        throw LayoutProblem(
          tensor: prefix + "weight",
          problem: "missing: --tensors \(module)=\(prefix) names no \(what); the file holds "
            + TensorLayout.listing(names, shapes))
      }
      return prefix + "weight"
    }
    map["fc.weight"] = try weight("fc", "output layer")
    if shapes[prefixes["fc"]! + "bias"] != nil { map["fc.bias"] = prefixes["fc"]! + "bias" }
    if prefixes["embedding"] != nil {
      map["embedding.weight"] = try weight("embedding", "embedding")
    }
    return map
  }
}
