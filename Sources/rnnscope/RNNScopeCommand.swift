import ArgumentParser
import Foundation
import TerminalScreen

@main
struct RNNScopeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rnnscope",
    abstract: "See a recurrent neural network think and learn, in a terminal.",
    discussion: """
      With no subcommand, opens the visualizer on the built-in demo: a vanilla RNN reading a short \
      text one character at a time. Press ? inside for every key.
      """,
    version: "rnnscope 0.9 (2026-12-01)",
    subcommands: [
      TUICommand.self, ReplCommand.self, RunCommand.self, TrainCommand.self, TraceCommand.self,
      SampleCommand.self, FixedCommand.self, BenchCommand.self, RecordCommand.self,
    ],
    defaultSubcommand: TUICommand.self
  )

  /// Parses and runs the command. Usage errors exit 2 (not swift-argument-parser's 64), bad data 1.
  static func main() {
    // A write past `ulimit -f` or into a closed pipe then fails with EFBIG or EPIPE, which the
    // commands report, instead of killing the process without a word.
    signal(SIGXFSZ, SIG_IGN)
    signal(SIGPIPE, SIG_IGN)
    reexecWithoutInteractiveBacktraces()
    do {
      var command = try parseAsRoot()
      try command.run()
      // What print() wrote must have reached stdout too; if not, status 1 and the reason.
      StandardOutput.finishPrinted()
    } catch {
      let code = exitCode(for: error)
      if code == .success {  // --help, --version: their text is the output
        let text = fullMessage(for: error)
        if !text.isEmpty { StandardOutput.line(text) }
        StandardOutput.finishPrinted()
        Foundation.exit(0)
      }
      // Failing already: a broken stdout is said too, but the status stays the error's.
      let e = TerminalScreen.flushStandardOutput()
      if e != 0 { StandardOutput.report(e) }
      if code == .validationFailure {
        StandardOutput.toStandardError(fullMessage(for: error) + "\n")
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }

  /// On a crash with stdin and stdout on a terminal, Swift's backtracer asks "Press space to
  /// interact…" and waits 30 s. It reads SWIFT_BACKTRACE only as the process starts, so when
  /// the variable is unset this sets it and execs the same program once more; being set, it
  /// stops a second exec. Not when the kernel did not load this program itself (`ld.so
  /// rnnscope`: no AT_BASE), where /proc/self/exe is the loader. If exec fails, this run goes on.
  static func reexecWithoutInteractiveBacktraces() {
    guard getenv("SWIFT_BACKTRACE") == nil, isatty(STDIN_FILENO) == 1,
      isatty(STDOUT_FILENO) == 1, loaderBase() != 0
    else { return }
    setenv("SWIFT_BACKTRACE", "interactive=no", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    unsetenv("SWIFT_BACKTRACE")
  }

  /// The auxiliary vector's AT_BASE (where the kernel put the dynamic loader), 0 if none or
  /// unknown. (Glibc's getauxval is not visible from Swift.)
  static func loaderBase() -> UInt {
    guard let data = FileManager.default.contents(atPath: "/proc/self/auxv") else { return 0 }
    let words = data.withUnsafeBytes { Array($0.bindMemory(to: UInt.self)) }
    for i in stride(from: 0, to: words.count - 1, by: 2) where words[i] == UInt(AT_BASE) {
      return words[i + 1]
    }
    return 0
  }
}
