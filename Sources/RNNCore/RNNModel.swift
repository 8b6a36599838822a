/// Sizes and nonlinearity of a single-layer vanilla RNN with a linear output head.
public struct RNNConfig: Sendable, Equatable, Codable {
    public var inputSize: Int
    public var hiddenSize: Int
    public var outputSize: Int
    public var activation: Activation

    public init(inputSize: Int, hiddenSize: Int, outputSize: Int, activation: Activation = .tanh) {
        self.inputSize = inputSize; self.hiddenSize = hiddenSize
        self.outputSize = outputSize; self.activation = activation
    }
}

/// The parameters, named and shaped as PyTorch's `state_dict` of a module holding
/// `rnn = nn.RNN(I, H, batch_first=True)` and `fc = nn.Linear(H, O)`.
public struct RNNParameters: Sendable, Equatable {
    public var weightIH: Matrix   // rnn.weight_ih_l0  (H × I)
    public var weightHH: Matrix   // rnn.weight_hh_l0  (H × H)
    public var biasIH: [Double]   // rnn.bias_ih_l0    (H)
    public var biasHH: [Double]   // rnn.bias_hh_l0    (H)
    public var fcWeight: Matrix   // fc.weight         (O × H)
    public var fcBias: [Double]   // fc.bias           (O)

    /// All zeros, shaped for `config` (the starting point of gradient accumulators).
    public init(zerosFor c: RNNConfig) {
        weightIH = Matrix(rows: c.hiddenSize, cols: c.inputSize)
        weightHH = Matrix(rows: c.hiddenSize, cols: c.hiddenSize)
        biasIH = [Double](repeating: 0, count: c.hiddenSize)
        biasHH = [Double](repeating: 0, count: c.hiddenSize)
        fcWeight = Matrix(rows: c.outputSize, cols: c.hiddenSize)
        fcBias = [Double](repeating: 0, count: c.outputSize)
    }

    /// PyTorch's default initialisation: every entry uniform in ±1/√H (nn.RNN's reset_parameters, and
    /// nn.Linear's kaiming_uniform(a=√5) with fan_in = H), drawn in state_dict order from `seed`.
    public static func pytorchDefault(_ c: RNNConfig, seed: UInt64) -> RNNParameters {
        var g = SeededGenerator(seed: seed)
        var p = RNNParameters(zerosFor: c)
        let k = 1 / Double(max(c.hiddenSize, 1)).squareRoot()
        for name in RNNParameters.names {
            p[name] = p[name].map { _ in g.uniform(-k, k) }
        }
        return p
    }

    /// PyTorch's parameter names, in `state_dict` order.
    public static let names = [
        "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "fc.weight", "fc.bias",
    ]

    /// The PyTorch shape of a parameter.
    public func shape(of name: String) -> [Int] {
        switch name {
        case "rnn.weight_ih_l0": return weightIH.shape
        case "rnn.weight_hh_l0": return weightHH.shape
        case "rnn.bias_ih_l0": return [biasIH.count]
        case "rnn.bias_hh_l0": return [biasHH.count]
        case "fc.weight": return fcWeight.shape
        case "fc.bias": return [fcBias.count]
        default: preconditionFailure("unknown parameter \(name)")
        }
    }

    /// A parameter's values, flattened row-major, by PyTorch name.
    public subscript(name: String) -> [Double] {
        get {
            switch name {
            case "rnn.weight_ih_l0": return weightIH.data
            case "rnn.weight_hh_l0": return weightHH.data
            case "rnn.bias_ih_l0": return biasIH
            case "rnn.bias_hh_l0": return biasHH
            case "fc.weight": return fcWeight.data
            case "fc.bias": return fcBias
            default: preconditionFailure("unknown parameter \(name)")
            }
        }
        set {
            precondition(newValue.count == self[name].count, "\(name): wrong number of values")
            switch name {
            case "rnn.weight_ih_l0": weightIH.data = newValue
            case "rnn.weight_hh_l0": weightHH.data = newValue
            case "rnn.bias_ih_l0": biasIH = newValue
            case "rnn.bias_hh_l0": biasHH = newValue
            case "fc.weight": fcWeight.data = newValue
            case "fc.bias": fcBias = newValue
            default: preconditionFailure("unknown parameter \(name)")
            }
        }
    }
}

/// A model: its configuration and its parameters.
public struct RNNModel: Sendable, Equatable {
    public var config: RNNConfig
    public var parameters: RNNParameters

    public init(config: RNNConfig, parameters: RNNParameters) {
        precondition(parameters.weightIH.shape == [config.hiddenSize, config.inputSize])
        precondition(parameters.fcWeight.shape == [config.outputSize, config.hiddenSize])
        self.config = config; self.parameters = parameters
    }

    /// A model initialised as PyTorch does by default, from `seed`.
    public init(config: RNNConfig, seed: UInt64) {
        self.init(config: config, parameters: .pytorchDefault(config, seed: seed))
    }
}
