/// Which of a file's tensors are which of the model's: rnnscope's names are PyTorch's for a module
/// with `embedding` (nn.Embedding), `rnn` (nn.RNN, nn.LSTM or nn.GRU) and `fc` (nn.Linear), but a
/// user's module calls them what it likes (`lstm.`, `encoder.`/`decoder.`, `module.` from
/// DataParallel, …). The recurrent module is the one tensor prefix with `weight_ih_l0`; the head is
/// the 2-D weight whose columns are the hidden size; the embedding the one whose columns are the
/// input size. Anything ambiguous or unknown is refused with the tensors found and the names
/// expected.
public enum TensorLayout {
  /// The file's name for each of rnnscope's names present (`rnn.weight_ih_l0` →
  /// `lstm.weight_ih_l0`): from `names` when given (the user's), else from the names and shapes.
  public static func resolve(
    _ shapes: [String: [Int]], names given: TensorNames? = nil
  ) throws(LayoutProblem) -> [String: String] {
    if let given { return try given.resolve(shapes) }
    let names = shapes.keys.sorted()
    if let r = names.first(where: { $0.hasSuffix("_reverse") }) {
      throw LayoutProblem(
        tensor: r,
        problem: "belongs to a bidirectional RNN; rnnscope steps one direction in time and does "
          + "not open bidirectional models")
    }
    if let p = names.first(where: { $0.contains("weight_hr_l") }) {
      throw LayoutProblem(
        tensor: p,
        problem: "belongs to an LSTM with proj_size (a projected hidden state); rnnscope's LSTM "
          + "has none and does not open such models")
    }
    let ih0 = "weight_ih_l0"
    let prefixes = names.filter { $0.hasSuffix(ih0) }.map { String($0.dropLast(ih0.count)) }
    guard let rnn = prefixes.first else {
      throw LayoutProblem(
        tensor: nil,
        problem: "no recurrent layer: expected a tensor named PREFIX.weight_ih_l0 (as nn.RNN, "
          + "nn.LSTM and nn.GRU name them, e.g. rnn.weight_ih_l0); the file holds "
          + listing(names, shapes))
    }
    guard prefixes.count == 1 else {
      throw LayoutProblem(
        tensor: nil,
        problem:
          "more than one recurrent module (\(prefixes.map { $0 + ih0 }.joined(separator: ", "))); "
          + "rnnscope opens models with one nn.RNN, nn.LSTM or nn.GRU")
    }
    var map: [String: String] = [:]
    var rest: [String] = []
    for n in names {
      if n.hasPrefix(rnn), !n.dropFirst(rnn.count).contains(".") {
        map["rnn." + n.dropFirst(rnn.count)] = n
      } else {
        rest.append(n)
      }
    }
    guard let hh0 = shapes[rnn + "weight_hh_l0"], hh0.count == 2 else {
      throw LayoutProblem(
        tensor: rnn + "weight_hh_l0",
        problem: "missing (the recurrent layer's W_hh beside \(rnn + ih0))")
    }
    let hidden = hh0[1]
    let input = shapes[rnn + ih0]!.count == 2 ? shapes[rnn + ih0]![1] : -1
    // The other modules, by the prefix before `weight` / `bias`.
    var modules: [String: [String]] = [:]
    for n in rest {
      let module =
        n.hasSuffix("weight")
        ? String(n.dropLast(6)) : n.hasSuffix("bias") ? String(n.dropLast(4)) : n
      modules[module, default: []].append(n)
    }
    func weight(_ m: String) -> [Int]? { shapes[m + "weight"] }
    func hasBias(_ m: String) -> Bool { shapes[m + "bias"] != nil }
    let heads = modules.keys.filter { weight($0)?.count == 2 && weight($0)?[1] == hidden }
    let embeddings = modules.keys.filter {
      weight($0)?.count == 2 && weight($0)?[1] == input && !hasBias($0)
    }
    // Where the hidden and input sizes agree, a bias-less weight can be either: the names decide.
    func named(_ ms: [String], _ hints: [String]) -> [String] {
      let hinted = ms.filter { m in hints.contains { m.lowercased().contains($0) } }
      return hinted.isEmpty ? ms : hinted
    }
    let headHints = ["fc", "decoder", "head", "linear", "out", "proj", "classifier"]
    var head = heads.sorted()
    if head.isEmpty {
      // No weight fits the hidden size: a module named as a head is taken as one, so that its
      // shape is what the refusal names.
      head = named(modules.keys.filter { weight($0)?.count == 2 }.sorted(), headHints)
      if head.count > 1
        || !head.contains(where: { m in headHints.contains { m.lowercased().contains($0) } })
      {
        head = []
      }
    }
    var embedding = embeddings.sorted()
    if head.count > 1 || embedding.count > 1 || !Set(head).isDisjoint(with: embedding) {
      head = named(head, headHints)
      embedding = named(embedding, ["emb", "encoder", "token", "wte"])
      if head.count > 1, let e = embedding.first, embedding.count == 1 {
        head.removeAll { $0 == e }
      }
      if embedding.count > 1, let h = head.first, head.count == 1 {
        embedding.removeAll { $0 == h }
      }
    }
    // One bias-less module fits both: a model needs its head, the embedding is optional.
    if head.count == 1, head == embedding { embedding = [] }
    guard head.count <= 1, embedding.count <= 1 else {
      throw LayoutProblem(
        tensor: nil,
        problem:
          "cannot tell which tensors are the output layer "
          + "(\(head.map { $0 + "weight" }.joined(separator: ", "))) "
          + "and the embedding (\(embedding.map { $0 + "weight" }.joined(separator: ", "))); name "
          + "them "
          + "fc.weight, fc.bias and embedding.weight")
    }
    if let h = head.first {
      map["fc.weight"] = h + "weight"
      if hasBias(h) { map["fc.bias"] = h + "bias" }
    }
    if let e = embedding.first { map["embedding.weight"] = e + "weight" }
    let used = Set(map.values)
    if let extra = names.first(where: { !used.contains($0) }) {
      throw LayoutProblem(
        tensor: extra,
        problem: "is not a parameter of an embedding + \(rnn.isEmpty ? "" : rnn)RNN/LSTM/GRU + "
          + "linear model (found the recurrent layer at \(rnn + ih0)"
          + (head.first.map { ", the output layer at \($0)weight" } ?? "")
          + (embedding.first.map { ", the embedding at \($0)weight" } ?? "") + ")")
    }
    guard map["fc.weight"] != nil else {
      throw LayoutProblem(
        tensor: nil,
        problem:
          "no output layer: expected a 2-D weight of [outputs, \(hidden)] (nn.Linear(\(hidden), "
          + "outputs), e.g. fc.weight) beside \(rnn + ih0); the file holds "
          + listing(names, shapes))
    }
    return map
  }

  /// The names and shapes, as a refusal lists them (the first 12).
  static func listing(_ names: [String], _ shapes: [String: [Int]]) -> String {
    guard !names.isEmpty else { return "no tensors" }
    let shown = names.prefix(12).map { "\($0) \(shapes[$0]!)" }
    return shown.joined(separator: ", ") + (names.count > 12 ? " and \(names.count - 12) more" : "")
  }
}

/// Why a file's tensors do not make a model: the tensor concerned, if one, and the problem.
public struct LayoutProblem: Error, Sendable {
  public let tensor: String?
  public let problem: String
}
