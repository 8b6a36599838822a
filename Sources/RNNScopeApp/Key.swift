import RNNViews

/// What the program should do after a key.
public enum KeyOutcome: Equatable, Sendable {
  case continueRunning
  case quit(exitCode: Int32)
}

/// Every key the demo understands, with what it does: the help overlay and the README list these.
public struct KeyBinding: Sendable {
  public let keys: String
  public let action: String
}

public let scopeKeyBindings: [KeyBinding] = [
  KeyBinding(keys: "Space", action: "step forward one timestep"),
  KeyBinding(keys: "→  l", action: "cursor right; at the last step taken, step forward"),
  KeyBinding(keys: "←  h", action: "cursor left one timestep (a click on a column moves it too)"),
  KeyBinding(keys: "Home  End", action: "cursor to the first / last step taken"),
  KeyBinding(keys: "Backspace", action: "undo the last step"),
  KeyBinding(keys: "e", action: "step to the end of the sequence"),
  KeyBinding(
    keys: "b", action: "backpropagate through time, walking the gradient back from T to 1"),
  KeyBinding(keys: "B", action: "backpropagate at once, no animation"),
  KeyBinding(keys: "+  -", action: "animation faster / slower"),
  KeyBinding(keys: "g", action: "gradient shown: ‖∂L_T/∂h_t‖ → ‖∂L/∂h_t‖ → ‖∂L/∂c_t‖ (LSTM)"),
  KeyBinding(keys: "s", action: "RNN activation tanh → sigmoid → relu, steps replayed"),
  KeyBinding(keys: "t", action: "start / stop training in the background"),
  KeyBinding(keys: "r", action: "reset to step 0 (same weights)"),
  KeyBinding(keys: "n", action: "a new sequence from the task"),
  KeyBinding(keys: "Tab", action: "focus the next panel"),
  KeyBinding(keys: "z  Esc", action: "zoom the focused panel / back; Esc also stops long work"),
  KeyBinding(keys: ":", action: "command line (Tab completes, ↑↓ history; help lists commands)"),
  KeyBinding(keys: "?", action: "show / hide this help"),
  KeyBinding(keys: "q  Ctrl-C", action: "quit"),
]
