/// What the program should do after a key.
public enum KeyOutcome: Equatable, Sendable {
  case continueRunning
  case quit(exitCode: Int32)
}
