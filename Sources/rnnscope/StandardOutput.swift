import Foundation
import RNNCore
import TerminalScreen

/// Writes to stdout that cannot fail silently or trap. FileHandle.write traps on an error and
/// print() drops it; here a failed write (a closed pipe, a full disk, a file past `ulimit -f`) ends
/// the process with one line on stderr, "rnnscope: cannot write the output: REASON", and status 1.
enum StandardOutput {
  static func write(_ data: Data) {
    // What print() left in stdio's buffer goes first, so that the order holds.
    finishPrinted()
    data.withUnsafeBytes { raw in
      guard var p = raw.baseAddress else { return }
      var left = raw.count
      while left > 0 {
        let n = Foundation.write(STDOUT_FILENO, p, left)
        if n > 0 {
          p += n
          left -= n
        } else if n < 0 && errno == EINTR {
          continue
        } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
          // A non-blocking stdout inherited from the parent: wait until it takes more.
          var fd = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
          _ = poll(&fd, 1, -1)
        } else {
          fail(n < 0 ? errno : -1)
        }
      }
    }
  }

  /// `text` and a newline.
  static func line(_ text: String) { write(Data((text + "\n").utf8)) }

  /// Flushes what print() wrote, and ends the process as `write` does if any of it failed.
  static func finishPrinted() {
    let e = TerminalScreen.flushStandardOutput()
    if e != 0 { fail(e) }
  }

  /// The line on stderr for a failed write: errno `code`'s message, or none for -1.
  static func report(_ code: Int32) {
    let reason = code > 0 ? ": " + String(cString: strerror(code)) : ""
    toStandardError("rnnscope: cannot write the output\(reason)\n")
  }

  /// Writes `text` to stderr as well as it can. With write(2), not FileHandle: stderr may be
  /// broken too (a closed pipe, a file past `ulimit -f`), and that must not trap either.
  static func toStandardError(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { b in
        Foundation.write(STDERR_FILENO, b.baseAddress, b.count)
      }
      if n > 0 {
        bytes = bytes.dropFirst(n)
      } else if n >= 0 || errno != EINTR {
        return
      }
    }
  }

  static func fail(_ code: Int32) -> Never {
    report(code)
    exit(1)
  }
}

/// One message on stderr, control characters from files shown escaped.
func printError(_ s: String) {
  StandardOutput.toStandardError(visible(s, keepNewlines: true) + "\n")
}
