import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Another program run to completion (posix_spawn + waitpid: Foundation's Process can hang under
/// the test runner on Linux), its standard output kept; nil when it cannot be started.
enum ExternalTool {
  static func run(_ argv: [String]) -> (status: Int32, output: String)? {
    let out = NSTemporaryDirectory() + "rnnscope-tool-\(getpid())-\(UUID().uuidString)"
    defer { unlink(out) }
    var fa = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fa)
    defer { posix_spawn_file_actions_destroy(&fa) }
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0)
    var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for a in cargs { free(a) } }
    var pid: pid_t = 0
    guard posix_spawnp(&pid, argv[0], &fa, nil, &cargs, environ) == 0 else { return nil }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    // 127: the shell's or env's "command not found".
    guard code != 127 else { return nil }
    let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    return (code, text)
  }

  /// Whether `name` is on the PATH.
  static func exists(_ name: String) -> Bool {
    run(["sh", "-c", "command -v \(name)"])?.status == 0
  }
}
