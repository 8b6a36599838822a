import RNNCore

/// ‖J_t‖₂ of the top layer at one step (`StepJacobian`, LAPACK: ‖∂h_t/∂h_{t−1}‖₂, for the LSTM
/// ‖∂(h,c)_t/∂(h,c)_{t−1}‖₂ with its carousel term max f_t beside it): computed only when the step,
/// what it computed or the layer's weights differ from the previous frame's.
struct ScopeJacobian: Sendable {
  /// The step (absolute) and what the next frame compares.
  let step: Int
  let record: LayerStep
  let weights: Matrix
  let norm: Double
  /// The LSTM's ‖∂c_t/∂c_{t−1}‖₂ = max f_t (nil for the other cells).
  let carousel: Double?

  /// The norm at step `t`, nil when the tape does not hold it or it is padded (J = I there).
  init?(_ s: ScopeState, step t: Int, reusing previous: ScopeJacobian?) {
    let c = s.config
    guard let r = s.record(t), r.active, let layer = r.layers.last else { return nil }
    let w = s.model.parameters.layers[c.numLayers - 1]
    if let previous, previous.step == t, previous.record == layer, previous.weights == w.weightHH {
      self = previous
      return
    }
    step = t
    record = layer
    weights = w.weightHH
    norm = StepJacobian.norm(w, cell: c.cell, activation: c.activation, step: layer)
    carousel = StepJacobian.carousel(cell: c.cell, step: layer)
  }
}
