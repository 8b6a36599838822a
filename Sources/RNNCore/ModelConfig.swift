/// Sizes and kind of a model: embedding (optional) → num_layers recurrent layers → linear head
/// `fc`.
public struct ModelConfig: Sendable, Equatable, Codable {
  public var cell: CellKind
  /// The RNN cell's nonlinearity (LSTM and GRU have theirs fixed).
  public var activation: Activation
  /// Width of the first layer's input x_t (the embedding's width when there is an embedding).
  public var inputSize: Int
  public var hiddenSize: Int
  public var numLayers: Int
  public var outputSize: Int
  /// Rows of `embedding.weight` when tokens go through an embedding table, else nil.
  public var embeddingCount: Int?

  /// A model of `task`'s sizes whose tokens are looked up in an embedding `embed` wide when it is
  /// given (> 0) and the task reads tokens; one-hot inputs otherwise.
  public init(
    cell: CellKind, activation: Activation, hiddenSize: Int, numLayers: Int, embed: Int?,
    for task: SequenceTask
  ) {
    let e = (embed ?? 0) > 0 && task.readsTokens ? embed : nil
    self.init(
      cell: cell, activation: activation, inputSize: e ?? task.inputSize, hiddenSize: hiddenSize,
      numLayers: numLayers, outputSize: task.outputSize,
      embeddingCount: e.map { _ in task.inputSize })
  }

  /// The cell as `summary` and the messages name it: "RNN (tanh)", "LSTM", "GRU".
  public var cellName: String {
    cell == .rnn ? "RNN (\(activation.rawValue))" : cell.rawValue.uppercased()
  }

  /// The embedding's width, nil for one-hot inputs (what `embed` asks for).
  public var embedWidth: Int? { embeddingCount == nil ? nil : inputSize }

  public init(
    cell: CellKind = .rnn, activation: Activation = .tanh, inputSize: Int, hiddenSize: Int,
    numLayers: Int = 1, outputSize: Int, embeddingCount: Int? = nil
  ) {
    self.cell = cell
    self.activation = activation
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    self.numLayers = numLayers
    self.outputSize = outputSize
    self.embeddingCount = embeddingCount
  }

  /// Rows of each weight_ih / weight_hh: gates × hidden.
  public var gateRows: Int { cell.gateCount * hiddenSize }

  /// Width of layer k's input: x_t for layer 0, h_t of layer k−1 above that.
  public func layerInputSize(_ k: Int) -> Int { k == 0 ? inputSize : hiddenSize }

  /// How many token indices are valid: the embedding's rows, or the one-hot width.
  public var tokenCount: Int { embeddingCount ?? inputSize }

  /// A description such as "LSTM, 2 layers, hidden 64".
  public var summary: String {
    let name = cellName
    return
      "\(name), \(numLayers) layer\(numLayers == 1 ? "" : "s"), input \(inputSize), hidden "
      + "\(hiddenSize), output \(outputSize)"
      + (embeddingCount.map { ", embedding \($0)" } ?? "")
  }
}
