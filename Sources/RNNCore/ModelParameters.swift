/// Every parameter of a model, named and shaped as PyTorch's `state_dict` of a module holding
/// `embedding` (nn.Embedding, optional), `rnn` (nn.RNN/LSTM/GRU, batch_first) and `fc` (nn.Linear).
public struct ModelParameters: Sendable, Equatable {
  public var layers: [LayerParameters]
  public var fcWeight: Matrix  // fc.weight (O × H)
  public var fcBias: [Double]  // fc.bias   (O)
  public var embedding: Matrix?  // embedding.weight (V × I)

  /// All zeros, shaped for `c` (the start of gradient accumulators).
  public init(zerosFor c: ModelConfig) {
    layers = (0..<c.numLayers).map {
      LayerParameters(
        gateRows: c.gateRows, inputSize: c.layerInputSize($0), hiddenSize: c.hiddenSize)
    }
    fcWeight = Matrix(rows: c.outputSize, cols: c.hiddenSize)
    fcBias = [Double](repeating: 0, count: c.outputSize)
    embedding = c.embeddingCount.map { Matrix(rows: $0, cols: c.inputSize) }
  }

  /// PyTorch's default initialisation, drawn in `names` order from `seed`: recurrent weights and
  /// biases and the head uniform in ±1/√H (nn.RNNBase.reset_parameters; nn.Linear's
  /// kaiming_uniform(a=√5) with fan_in = H), the embedding N(0, 1).
  public static func pytorchDefault(_ c: ModelConfig, seed: UInt64) -> ModelParameters {
    var g = SeededGenerator(seed: seed)
    var p = ModelParameters(zerosFor: c)
    let k = 1 / Double(max(c.hiddenSize, 1)).squareRoot()
    for name in p.names {
      if name == "embedding.weight" {
        p[name] = p[name].map { _ in g.normal() }
      } else {
        p[name] = p[name].map { _ in g.uniform(-k, k) }
      }
    }
    return p
  }

  /// The parameter names, in state_dict order: embedding.weight, rnn.*_l0 … rnn.*_l{L−1},
  /// fc.weight, fc.bias.
  public var names: [String] {
    var n: [String] = embedding == nil ? [] : ["embedding.weight"]
    for k in layers.indices {
      n += ["rnn.weight_ih_l\(k)", "rnn.weight_hh_l\(k)", "rnn.bias_ih_l\(k)", "rnn.bias_hh_l\(k)"]
    }
    return n + ["fc.weight", "fc.bias"]
  }

  /// Splits "rnn.weight_ih_l3" into ("weight_ih", 3).
  static func layerField(_ name: String) -> (String, Int)? {
    guard name.hasPrefix("rnn."), let r = name.range(of: "_l", options: .backwards),
      let k = Int(name[r.upperBound...])
    else { return nil }
    return (String(name[name.index(name.startIndex, offsetBy: 4)..<r.lowerBound]), k)
  }

  /// The PyTorch shape of a parameter, or nil for a name the model does not have.
  public func shape(of name: String) -> [Int]? {
    switch name {
    case "fc.weight": return fcWeight.shape
    case "fc.bias": return [fcBias.count]
    case "embedding.weight": return embedding?.shape
    default:
      guard let (field, k) = ModelParameters.layerField(name), layers.indices.contains(k) else {
        return nil
      }
      let l = layers[k]
      switch field {
      case "weight_ih": return l.weightIH.shape
      case "weight_hh": return l.weightHH.shape
      case "bias_ih": return [l.biasIH.count]
      case "bias_hh": return [l.biasHH.count]
      default: return nil
      }
    }
  }

  /// A parameter's values, flattened row-major, by PyTorch name.
  public subscript(name: String) -> [Double] {
    get {
      switch name {
      case "fc.weight": return fcWeight.data
      case "fc.bias": return fcBias
      case "embedding.weight": return embedding!.data
      default:
        let (field, k) = ModelParameters.layerField(name)!
        switch field {
        case "weight_ih": return layers[k].weightIH.data
        case "weight_hh": return layers[k].weightHH.data
        case "bias_ih": return layers[k].biasIH
        case "bias_hh": return layers[k].biasHH
        default: preconditionFailure("unknown parameter \(name)")
        }
      }
    }
    set {
      precondition(newValue.count == self[name].count, "\(name): wrong number of values")
      switch name {
      case "fc.weight": fcWeight.data = newValue
      case "fc.bias": fcBias = newValue
      case "embedding.weight": embedding!.data = newValue
      default:
        let (field, k) = ModelParameters.layerField(name)!
        switch field {
        case "weight_ih": layers[k].weightIH.data = newValue
        case "weight_hh": layers[k].weightHH.data = newValue
        case "bias_ih": layers[k].biasIH = newValue
        case "bias_hh": layers[k].biasHH = newValue
        default: preconditionFailure("unknown parameter \(name)")
        }
      }
    }
  }

  /// Every value of every parameter is finite; otherwise the first offending name.
  public var firstNonFinite: String? { names.first { self[$0].contains { !$0.isFinite } } }
}
