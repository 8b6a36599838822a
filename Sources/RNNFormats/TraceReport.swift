import Foundation
import RNNCore

/// The JSON `rnnscope trace` prints. Arrays are [layer][t][unit]; matrices are flattened row-major.
public struct TraceReport: Codable, Sendable {
  public struct Spectral: Codable, Sendable {
    public let radius: Double
    public let sigmaMax: Double

    enum CodingKeys: String, CodingKey {
      case radius
      case sigmaMax = "sigma_max"
    }
  }
  public let cell: String
  public let activation: String
  public let layers: Int
  public let inputSize: Int
  public let hiddenSize: Int
  public let outputSize: Int
  public let steps: Int
  public let loss: Double
  public let outputs: [[Double]]
  public let hidden: [[[Double]]]
  public let cellState: [[[Double]]]?
  public let gradNormH: [[Double]]
  public let gradNormC: [[Double]]?
  public let gradNormLastH: [[Double]]
  public let gradNormLastC: [[Double]]?
  public let grads: [String: [Double]]
  public let spectral: [String: [Spectral]]

  /// The JSON keeps the snake_case keys the README documents; the properties are Swift's.
  enum CodingKeys: String, CodingKey {
    case cell, activation, layers
    case inputSize = "input_size"
    case hiddenSize = "hidden_size"
    case outputSize = "output_size"
    case steps, loss, outputs, hidden
    case cellState = "cell_state"
    case gradNormH = "grad_norm_h"
    case gradNormC = "grad_norm_c"
    case gradNormLastH = "grad_norm_last_h"
    case gradNormLastC = "grad_norm_last_c"
    case grads, spectral
  }

  /// Peak memory of a trace of `steps` steps, estimated before anything is run: every step's record
  /// on the tape and its gradients, and every number of the report as an array and as JSON text.
  /// The bytes per number and per step were measured here (peak RSS of traces of 100,000 steps) and
  /// rounded up.
  public static func estimatedBytes(model: Model, steps: Int) -> Double {
    let c = model.config
    let H = Double(c.hiddenSize)
    let L = Double(c.numLayers)
    let O = Double(c.outputSize)
    let I = Double(c.inputSize)
    let numbersPerStep = O + L * H * (c.cell == .lstm ? 2 : 1) + (c.cell == .lstm ? 4 : 3) * L
    let tapePerStep = 8 * (L * (24 * H + I) + 3 * O) + 400 * (L + 1)
    let parameters = Double(model.parameters.names.reduce(0) { $0 + model.parameters[$1].count })
    return Double(steps) * (tapePerStep + numbersPerStep * bytesPerReportedNumber)
      + parameters * (3 * 8 + bytesPerReportedNumber)
  }

  static let bytesPerReportedNumber = 160.0

  /// Runs the model over the spec: forward, full BPTT, and spectral figures — the engine's own
  /// passes; what is the report's is which of their numbers it keeps, and how they are laid out.
  public init(model: Model, spec: TraceSpec) {
    var pass = ForwardPass(model: model, loss: spec.loss)
    for t in spec.inputs.indices { pass.step(spec.inputs[t], target: spec.targets[t]) }
    let b = backpropagate(pass)
    let c = model.config
    cell = c.cell.rawValue
    activation = c.activation.rawValue
    layers = c.numLayers
    inputSize = c.inputSize
    hiddenSize = c.hiddenSize
    outputSize = c.outputSize
    steps = pass.steps.count
    loss = pass.totalLoss
    outputs = pass.steps.map(\.outputs)
    hidden = (0..<c.numLayers).map { k in pass.steps.map { $0.hidden[k] } }
    cellState =
      c.cell == .lstm ? (0..<c.numLayers).map { k in pass.steps.map { $0.cell[k] } } : nil
    gradNormH = b.hiddenGradNorms
    gradNormC = b.cellGradNorms
    gradNormLastH = b.lastLossHiddenGradNorms
    gradNormLastC = b.lastLossCellGradNorms
    var g: [String: [Double]] = [:]
    for n in b.gradients.names { g[n] = b.gradients[n] }
    grads = g
    var s: [String: [Spectral]] = [:]
    for (name, blocks) in RNNCore.Spectral.report(model) {
      s[name] = blocks.map { Spectral(radius: $0.radius, sigmaMax: $0.sigmaMax) }
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
