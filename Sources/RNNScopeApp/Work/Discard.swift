import RNNCore

/// A tape and BPTT result no longer shown, held until `drop` frees them on the thread that calls
/// it.
final class Discard: @unchecked Sendable {
  private var pass: ForwardPass?
  private var bptt: BPTTResult?

  init(pass: ForwardPass, bptt: BPTTResult?) {
    self.pass = pass
    self.bptt = bptt
  }

  func drop() {
    pass = nil
    bptt = nil
  }
}
