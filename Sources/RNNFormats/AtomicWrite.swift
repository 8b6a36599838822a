import CFileGuard
import Foundation

/// Writes a file atomically: the bytes go to a temporary file beside it (a short name, so any legal
/// target name works), are flushed to disk, and only then renamed over the target, so a failure at
/// any point — a full disk, a file-size limit, a signal — leaves the previous file intact and no
/// temporary file behind. Only a regular file is replaced (a symbolic link is followed to one), and
/// it keeps its permissions. `simulateFailureAfter` (tests only) makes the write fail after that
/// many bytes, as a full disk would.
public func writeAtomically(_ data: Data, to path: String, simulateFailureAfter: Int? = nil) throws
{
  func fail(_ problem: String) -> WeightsError {
    WeightsError(file: path, tensor: nil, problem: problem)
  }
  func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
  let plan = try SavePlan.make(path).get()
  let (target, dir, mode, keepMode) = (plan.target, plan.folder, plan.mode, plan.keepMode)
  let tmp =
    dir + "/.rnnscope-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16)).tmp"
  let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
  guard fd >= 0 else { throw fail("cannot write in \(dir) (\(reason(errno)))") }
  let guarded = rs_guard_temp(tmp) == 0
  defer { if guarded { rs_release_temp() } }
  func abandon(_ problem: String) -> WeightsError {
    close(fd)
    unlink(tmp)
    return fail(problem)
  }
  if keepMode && fchmod(fd, mode) != 0 {
    throw abandon("cannot set the file's permissions (\(reason(errno)))")
  }
  let limit = min(simulateFailureAfter ?? data.count, data.count)
  var written = 0
  let failure: Int32? = data.withUnsafeBytes { raw -> Int32? in
    guard let base = raw.baseAddress else { return nil }
    while written < limit {
      let n = write(fd, base + written, limit - written)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      written += n
    }
    return nil
  }
  if let code = failure { throw abandon("write failed: \(reason(code))") }
  // A test hook: RNNSCOPE_TEST_SLOW_WRITE=1 waits 5 s here, with the temporary file written, so
  // that a test can send a signal mid-save.
  if ProcessInfo.processInfo.environment["RNNSCOPE_TEST_SLOW_WRITE"] == "1" { usleep(5_000_000) }
  if let n = simulateFailureAfter, n < data.count {
    throw abandon("simulated failure after \(n) bytes")
  }
  guard fsync(fd) == 0 else { throw abandon("write failed: \(reason(errno))") }
  guard close(fd) == 0 else {
    unlink(tmp)
    throw fail("write failed: \(reason(errno))")
  }
  guard rename(tmp, target) == 0 else {
    let code = errno
    unlink(tmp)
    throw fail("cannot replace the file (\(reason(code)))")
  }
  // The rename itself reaches the disk with the folder.
  let dirFD = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  if dirFD >= 0 {
    _ = fsync(dirFD)
    close(dirFD)
  }
}

/// Where a save will go and what it replaces, checked before anything is written: the target (a
/// symbolic link resolved to the file it names), its folder, and the mode to keep.
public struct SavePlan: Sendable {
  public let target: String
  public let folder: String
  let mode: mode_t
  let keepMode: Bool

  /// The plan, or why `path` cannot be saved to (so a long run can refuse before it starts).
  public static func make(_ path: String) -> Result<SavePlan, WeightsError> {
    func fail(_ problem: String) -> Result<SavePlan, WeightsError> {
      .failure(WeightsError(file: path, tensor: nil, problem: problem))
    }
    var target = path
    var mode: mode_t = 0o666  // less the umask, for a new file
    var keepMode = false
    var st = stat()
    if lstat(path, &st) == 0 {
      if st.st_mode & S_IFMT == S_IFLNK {
        guard let resolved = realpath(path, nil) else {
          return fail("is a symbolic link to nothing; not replaced")
        }
        target = String(cString: resolved)
        free(resolved)
        guard stat(target, &st) == 0 else {
          return fail("cannot be read (\(String(cString: strerror(errno))))")
        }
      }
      switch st.st_mode & S_IFMT {
      case S_IFREG:
        mode = st.st_mode & 0o7777
        keepMode = true
      case S_IFDIR: return fail("is a directory; not replaced")
      default: return fail("is not a regular file (a device, a pipe or a socket); not replaced")
      }
    }
    let url = URL(fileURLWithPath: target)
    guard url.lastPathComponent.utf8.count <= 255 else {
      return fail("the file name is longer than 255 bytes")
    }
    let dir = url.deletingLastPathComponent().path
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
      return fail("the folder \(dir) does not exist")
    }
    guard access(dir, W_OK) == 0 else {
      return fail("cannot write in \(dir) (\(String(cString: strerror(errno))))")
    }
    return .success(SavePlan(target: target, folder: dir, mode: mode, keepMode: keepMode))
  }
}
