import Foundation

/// An asciicast file being written: a log, one line at a time, each line handed to the kernel
/// whole as it is written (no buffer of its own), so a crash or a signal leaves a valid file up to
/// the last event. An existing file is refused unless `overwrite` says so.
public final class CastFile {
  public let path: String
  private var fd: Int32

  /// What stopped a recording file from being opened or written.
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  /// Creates `path` (0644); an existing file is replaced only with `overwrite`.
  public init(path: String, overwrite: Bool) throws {
    self.path = path
    var flags = O_WRONLY | O_CREAT | O_CLOEXEC
    flags |= overwrite ? O_TRUNC : O_EXCL
    fd = open(path, flags, 0o644)
    guard fd >= 0 else {
      let e = errno
      if e == EEXIST {
        throw Failure(description: "\(path) exists (--force overwrites it)")
      }
      throw Failure(description: "cannot write \(path): \(String(cString: strerror(e)))")
    }
  }

  deinit { close() }

  /// Appends `line` and a newline with one write (more if the kernel takes part of it).
  public func append(_ line: String) throws {
    guard fd >= 0 else { throw Failure(description: "\(path) is closed") }
    let bytes = Array((line + "\n").utf8)
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { buf in write(fd, buf.baseAddress! + done, buf.count - done) }
      if n < 0 {
        if errno == EINTR { continue }
        throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
      }
      done += n
    }
  }

  public func close() {
    if fd >= 0 { _ = Foundation.close(fd) }
    fd = -1
  }
}
