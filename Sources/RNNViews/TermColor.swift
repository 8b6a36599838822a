/// A cell's colour: the terminal's default, or an RGB value the screen layer maps to what the
/// terminal has.
public enum TermColor: Hashable, Sendable {
  case standard
  case rgb(RGB)
}
