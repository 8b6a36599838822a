/// Gradients a layer's backward step returns.
struct LayerBackward {
  var dInput: [Double]?  // ∂/∂x_t (when asked for)
  var dhPrev: [Double]  // ∂/∂h_{t−1} through this step
  var dcPrev: [Double]  // ∂/∂c_{t−1} (LSTM), else empty
  var dIH: [Double]  // ∂/∂(W_ih x + b_ih): the input side's pre-activation gradient
  // ∂/∂(W_hh h + b_hh): the hidden side's (equal to dIH except in the GRU's n gate)
  var dHH: [Double]
}
