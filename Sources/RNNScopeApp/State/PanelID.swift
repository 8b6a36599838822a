/// The panels of the screen, in focus order.
public enum PanelID: String, CaseIterable, Sendable {
  case sequence, heatmap, gradient, readout, derivative, spectrum, training
}
