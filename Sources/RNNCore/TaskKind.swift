/// The classic sequence tasks, generated from a seed.
public enum TaskKind: String, CaseIterable, Sendable, Codable {
  case echo, adding, copy, parity, sine, text
}
