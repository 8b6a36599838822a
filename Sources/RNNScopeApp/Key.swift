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

public let demoKeyBindings: [KeyBinding] = [
    KeyBinding(keys: "Space", action: "step forward one timestep"),
    KeyBinding(keys: "→  l", action: "cursor right; at the last step taken, step forward"),
    KeyBinding(keys: "←  h", action: "cursor left one timestep"),
    KeyBinding(keys: "Home  End", action: "cursor to the first / last step taken"),
    KeyBinding(keys: "b", action: "backpropagate through time over the steps taken"),
    KeyBinding(keys: "g", action: "gradient shown: ‖∂L_T/∂h_t‖ (last loss) ↔ ‖∂L/∂h_t‖ (whole loss)"),
    KeyBinding(keys: "s", action: "switch tanh ↔ sigmoid and replay the steps taken"),
    KeyBinding(keys: "r", action: "reset to step 0 (same weights)"),
    KeyBinding(keys: "?", action: "show / hide this help"),
    KeyBinding(keys: "q  Ctrl-C", action: "quit"),
]
