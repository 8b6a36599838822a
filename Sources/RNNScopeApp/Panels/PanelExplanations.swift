/// What each panel shows, a sentence each, for the help overlay (`?`): what the colours and the
/// marks mean.
enum PanelExplanations {
  static let all: [(panel: PanelID, text: String)] = [
    (
      .sequence,
      "x_t the input, y_t the target, ŷ_t the network's prediction: ✓ right, ✗ wrong; a padded "
        + "step (░, grey) is masked: no input, no loss, not judged."
    ),
    (
      .heatmap,
      "units × time: each column is the state after one more step; blue negative, red positive "
        + "(the legend gives the range, \"(locked)\" when held); gates dark 0 to bright 1; ↑↓ "
        + "scroll through the layers, c and the gates, and the legend says what is out of view."
    ),
    (
      .trajectory,
      "the top layer's hidden state at each step taken, projected on two principal components of "
        + "those states (the share of the variance each explains in the title): early steps dark, "
        + "late ones bright, ● the cursor's. One scale on both axes. view trajectory 1,3 picks "
        + "other components."
    ),
    (
      .units,
      "the traced units' values over time on one axis (least and greatest in view at the left), "
        + "the input read under each step: , and . pick a unit (along find's list, else every "
        + "unit), m keeps it when the next is picked; the first also colours x_t in the sequence "
        + "strip, blue negative, red positive. unit h 3,5 picks several; unit off ends it."
    ),
    (
      .gradient,
      "the gradient's norm at each step, log10 scale. ‖∂L_T/∂h_t‖ is the last loss's alone (what "
        + "reaches far back); ‖∂L/∂h_t‖ the whole loss's, Σ L_t; ‖∂L/∂c_t‖ the LSTM cell's. "
        + "◆ the bound (γ·σ_max)^(T−t) of Pascanu et al., γ = max φ′ (1 for tanh, ¼ for "
        + "sigmoid): vacuous when γ·σ_max ≥ 1; ▲ a bound above the chart. Vanishing: below 1e-6 "
        + "of the largest; exploding: above 1e3. ×back: what ‖∂L_T/∂h_t‖ is multiplied by going "
        + "back one step (▼▾ below 1, ▴▲ above); beside it at the cursor ‖J‖₂, the largest "
        + "singular value of ∂h_t/∂h_{t−1}, for the LSTM of the whole state's "
        + "∂(h,c)_t/∂(h,c)_{t−1}, "
        + "with max f, its carousel ∂c_t/∂c_{t−1} = diag f. "
        + "Split (split …): the first model's bars █ (blue), the second's marks ● (orange), on "
        + "one axis."
    ),
    (
      .readout,
      "the step at the cursor: input, target, prediction and its probability, the loss L_t and "
        + "Σ L, both gradient norms, every unit's value."
    ),
    (
      .derivative,
      "φ′ of tanh, sigmoid and relu on one axis; the cursor step's pre-activations a_t marked on "
        + "the active one. Linear: φ′ above 0.9 of its peak; saturated: below 0.1 (gradients "
        + "die there); between: the rest. Gates: the share below 0.1 or above 0.9."
    ),
    (
      .spectrum,
      "the eigenvalues λ of W_hh and the unit circle: ρ = max |λ| is how W^k grows over many "
        + "steps; σ_max, the largest singular value, the most one step can stretch (ρ ≤ σ_max)."
    ),
    (
      .training,
      "loss and ‖∇θ‖ per training step; ‖∇θ‖ before clipping, the clip threshold dotted, the "
        + "steps where clipping fired marked; grey: a run pinned with p, on one axis of steps."
    ),
  ]
}
