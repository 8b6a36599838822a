import CLapackShim

/// Initialisation: a scheme, then optionally the LSTM forget-gate bias and the spectral radius of
/// W_hh.
public struct Initialization: Sendable, Equatable {
  public var scheme: InitScheme = .pytorch
  /// LSTM only: b_ih of the forget gate set to this and b_hh's to 0, so the gate starts at
  /// σ(value).
  public var forgetBias: Double? = nil
  /// Every gate block of every weight_hh scaled to this spectral radius.
  public var radius: Double? = nil

  public init(scheme: InitScheme = .pytorch, forgetBias: Double? = nil, radius: Double? = nil) {
    self.scheme = scheme
    self.forgetBias = forgetBias
    self.radius = radius
  }

  /// The parameters of a model of config `c`, drawn from `seed`: PyTorch's default, then per gate
  /// block of every layer W_ih ~ U(±√(6/(I + H))) (identity: N(0, 0.001²)) and W_hh Xavier
  /// U(±√(6/2H)), orthogonal (Q of QR(N(0, 1))) or I, biases 0; then b_ih,f = forget bias,
  /// b_hh,f = 0; then each W_hh block scaled by ρ_wanted / ρ(block).
  public func parameters(_ c: ModelConfig, seed: UInt64) -> ModelParameters {
    var p = ModelParameters.pytorchDefault(c, seed: seed)
    var g = SeededGenerator(seed: seed ^ 0x5_DEEC_E66D)
    let H = c.hiddenSize
    let G = c.cell.gateCount
    if scheme != .pytorch {
      for k in 0..<c.numLayers {
        let inSize = c.layerInputSize(k)
        var ih = p.layers[k].weightIH
        var hh = p.layers[k].weightHH
        for gate in 0..<G {
          for r in c.cell.blockRows(gate, hidden: H) {
            for col in 0..<inSize {
              switch scheme {
              case .identity: ih[r, col] = 0.001 * g.normal()
              default:
                let bound = (6.0 / Double(inSize + H)).squareRoot()
                ih[r, col] = g.uniform(-bound, bound)
              }
            }
          }
          var block = [Double](repeating: 0, count: H * H)
          switch scheme {
          case .xavier:
            let bound = (6.0 / Double(2 * H)).squareRoot()
            block = block.map { _ in g.uniform(-bound, bound) }
          case .orthogonal:
            block = block.map { _ in g.normal() }
            _ = rs_orthogonalize(Int32(H), &block)
          case .identity:
            for i in 0..<H { block[i * H + i] = 1 }
          case .pytorch: break
          }
          let top = c.cell.blockRows(gate, hidden: H).lowerBound
          for i in 0..<H { for j in 0..<H { hh[top + i, j] = block[i * H + j] } }
        }
        p.layers[k].weightIH = ih
        p.layers[k].weightHH = hh
        p.layers[k].biasIH = p.layers[k].biasIH.map { _ in 0 }
        p.layers[k].biasHH = p.layers[k].biasHH.map { _ in 0 }
      }
    }
    if let fb = forgetBias, c.cell == .lstm {
      for k in 0..<c.numLayers {
        for j in LSTMGate.f.rows(hidden: H) {
          p.layers[k].biasIH[j] = fb
          p.layers[k].biasHH[j] = 0
        }
      }
    }
    if let rho = radius {
      for k in 0..<c.numLayers {
        for gate in 0..<G {
          let block = Spectral.block(p.layers[k].weightHH, gate: gate, hidden: H)
          let current = Spectral.figures(block).radius
          guard current > 0, current.isFinite else { continue }
          let s = rho / current
          for i in c.cell.blockRows(gate, hidden: H) {
            for j in 0..<H { p.layers[k].weightHH[i, j] *= s }
          }
        }
      }
    }
    return p
  }
}
