import CNCursesShim
import RNNViews

/// How many colours the terminal shows, decided once at start.
public enum ColorMode: Sendable, Equatable {
  case none, ansi8, indexed256, direct
}
