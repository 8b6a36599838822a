/// The panels of the screen, in focus order (`units` only while units are traced).
public enum PanelID: String, CaseIterable, Sendable {
  case sequence, heatmap, units, gradient, readout, derivative, spectrum, training, trajectory
}
