import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a program to completion with posix_spawn + waitpid (Foundation's Process.waitUntilExit can
/// hang under the test runner on Linux). stdin is /dev/null or the given text; stdout and stderr
/// are captured or discarded.
struct SpawnResult {
  let status: Int32  // exit status, or 128 + signal
  let stdout: String
  let stderr: String
}

func spawn(_ argv: [String], capture: Bool = true, stdin: String? = nil) throws -> SpawnResult {
  var inputPath = "/dev/null"
  if let stdin {
    inputPath = NSTemporaryDirectory() + "rnnscope-stdin-\(getpid())-\(UUID().uuidString)"
    try stdin.write(toFile: inputPath, atomically: true, encoding: .utf8)
  }
  defer { if stdin != nil { unlink(inputPath) } }
  var outPipe: [Int32] = [-1, -1]
  var errPipe: [Int32] = [-1, -1]
  if capture {
    guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw HarnessError("pipe failed") }
    // Close-on-exec, so no other child inherits them (dup2 onto 1 and 2 clears the flag in ours).
    for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
  }
  var fa = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&fa)
  defer { posix_spawn_file_actions_destroy(&fa) }
  posix_spawn_file_actions_addopen(&fa, 0, inputPath, O_RDONLY, 0)
  if capture {
    posix_spawn_file_actions_adddup2(&fa, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&fa, errPipe[1], 2)
  } else {
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0)
  }
  var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
  defer { for a in cargs { free(a) } }
  var pid: pid_t = 0
  let rc = posix_spawnp(&pid, argv[0], &fa, nil, &cargs, environ)
  guard rc == 0 else { throw HarnessError("cannot run \(argv[0]): error \(rc)") }
  var out = Data()
  var err = Data()
  if capture {
    close(outPipe[1])
    close(errPipe[1])
    out = readAll(outPipe[0])
    err = readAll(errPipe[0])
    close(outPipe[0])
    close(errPipe[0])
  }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  return SpawnResult(
    status: code, stdout: String(decoding: out, as: UTF8.self),
    stderr: String(decoding: err, as: UTF8.self))
}

/// Reads until EOF. (stdout and stderr are read one after the other: fine for the small outputs
/// here.)
private func readAll(_ fd: Int32) -> Data {
  var data = Data()
  var buf = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = read(fd, &buf, buf.count)
    if n > 0 {
      data.append(contentsOf: buf[0..<n])
    } else if n < 0 && errno == EINTR {
      continue
    } else {
      break
    }
  }
  return data
}
