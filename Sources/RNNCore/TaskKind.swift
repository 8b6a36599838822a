/// The classic sequence tasks, generated from a seed.
public enum TaskKind: String, CaseIterable, Sendable, Codable {
  case echo, adding, copy, parity, sine, text, flipflop, integrator

  /// Whether the inputs are tokens (one-hot, or rows of an embedding), not vectors.
  public var readsTokens: Bool {
    self != .adding && self != .sine && self != .flipflop && self != .integrator
  }
}
