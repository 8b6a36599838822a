/// What `save` and `load` read and write.
public enum SavedKind: String, CaseIterable, Sendable {
  /// The weights alone (safetensors).
  case weights
  /// The whole session (JSON + safetensors).
  case session
}
