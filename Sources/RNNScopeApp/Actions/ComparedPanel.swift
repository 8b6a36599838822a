/// The panels that compare one view with the next (`pin`, `unpin`, `axis`): the gradient panel's
/// profile, the training panel's loss and ‖∇‖ curves, the heatmap's colour range.
public enum ComparedPanel: String, CaseIterable, Sendable {
  case gradient, loss, heatmap

  /// What a command without `panel=` acts on: the focused panel when it is the gradient or the
  /// training panel, else the gradient panel (the heatmap, focused first, only when named).
  static func focused(_ focus: PanelID) -> ComparedPanel {
    focus == .training ? .loss : .gradient
  }
}
