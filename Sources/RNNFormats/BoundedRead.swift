import Foundation
import RNNCore

/// Why a file could not be read: "no such file", "is a directory", "is 3.2 GB; the limit is 1 GB".
public struct FileProblem: Error, CustomStringConvertible, Sendable {
  public let problem: String
  public var description: String { problem }
}

/// Reads a whole file after checking what it is and how large it is: anything but a regular file (a
/// folder, a device, a pipe), or a file over `limit` bytes, is refused before any of it is read,
/// and at most `limit` + 1 bytes are ever read (a file that grows meanwhile is refused when it
/// passes the limit). `what` names the file in the refusal ("a weights file").
public func readBounded(_ path: String, limit: Int, what: String) throws -> Data {
  // O_NONBLOCK: opening a pipe must not wait for a writer (reading a regular file is not affected).
  let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
  guard fd >= 0 else {
    let e = errno
    throw FileProblem(
      problem: e == ENOENT ? "no such file" : "cannot be read (\(String(cString: strerror(e))))")
  }
  defer { close(fd) }
  var st = stat()
  guard fstat(fd, &st) == 0 else {
    throw FileProblem(problem: "cannot be read (\(String(cString: strerror(errno))))")
  }
  let kind = st.st_mode & S_IFMT
  guard kind != S_IFDIR else { throw FileProblem(problem: "is a directory") }
  guard kind == S_IFREG else {
    throw FileProblem(problem: "is not a regular file (a device, a pipe or a socket)")
  }
  func tooLarge(_ size: Double) -> FileProblem {
    let figure = ResourceEstimate.describe(size).replacingOccurrences(of: "about ", with: "")
    let cap = ResourceEstimate.describe(Double(limit)).replacingOccurrences(of: "about ", with: "")
    return FileProblem(problem: "is \(figure); the limit for \(what) is \(cap)")
  }
  if Int(st.st_size) > limit { throw tooLarge(Double(st.st_size)) }
  var data = Data()
  let chunk = 1 << 20
  var buffer = [UInt8](repeating: 0, count: chunk)
  while true {
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunk) }
    if n < 0 {
      if errno == EINTR { continue }
      throw FileProblem(problem: "cannot be read (\(String(cString: strerror(errno))))")
    }
    if n == 0 { break }
    data.append(contentsOf: buffer[0..<n])
    if data.count > limit { throw tooLarge(Double(data.count)) }
  }
  return data
}
