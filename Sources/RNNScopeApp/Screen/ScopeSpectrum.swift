import RNNCore
import RNNViews

/// The eigenvalues and figures of layer 1's recurrent block (W_hh, or a gated cell's candidate
/// block): LAPACK runs only when the block's entries differ from the previous frame's.
public struct ScopeSpectrum: Sendable {
  /// The block's entries, which the next frame compares.
  let key: [Double]
  public let eigenvalues: [Spectral.Eigenvalue]
  public let figures: SpectralFigures

  /// The spectrum of `s`'s block: `previous` itself when its block is the same.
  init(_ s: ScopeState, reusing previous: ScopeSpectrum?) {
    let c = s.config
    let block = Spectral.candidateBlock(
      s.model.parameters.layers[0].weightHH, cell: c.cell, hidden: c.hiddenSize)
    if let previous, previous.key == block.data {
      self = previous
      return
    }
    key = block.data
    eigenvalues = Spectral.eigenvalues(block) ?? []
    figures = Spectral.figures(block)
  }
}
