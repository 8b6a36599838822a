/// What `show` prints.
public enum Report: String, CaseIterable, Sendable {
  case model, step, h, c, gates, gradients, loss, spectrum, sequence, training, units

  /// The report a word names, with the long spellings (hidden, cell, grad).
  public init?(word: String) {
    switch word {
    case "hidden": self = .h
    case "cell": self = .c
    case "grad": self = .gradients
    default: self.init(rawValue: word)
    }
  }
}
