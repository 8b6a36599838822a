import ArgumentParser
import Foundation
import RNNCore
import RNNScopeApp

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a session file headless, printing what its commands show.",
    discussion: "Exit status 0, or 1 with FILE:LINE: message at the first error (2 for bad usage)."
  )

  @Argument(help: "A session file (.rnns): one command per line, # comments.") var file: String
  @Flag(
    help:
      ArgumentHelp(
        "One JSON object per command: {\"line\", \"command\", \"kind\", \"output\"}; a report's "
          + "numbers in \"data\"."
      )
  )
  var json = false
  @OptionGroup var start: StartingModel

  func run() throws {
    let script: SessionScript
    do { script = try SessionScript.load(file) } catch let e as SessionScript.Invalid {
      printError("rnnscope run: \(e.description)")
      throw ExitCode(1)
    }
    var state = try start.state(command: "run")
    _ = try playHeadless(script, file: file, state: &state, output: OutputPrinter(json: json))
  }
}

/// Runs every line of a session without a screen, printing what each command shows. Returns false
/// when the session quits; throws ExitCode(1) after printing FILE:LINE: message at the first error.
func playHeadless(
  _ script: SessionScript, file: String, state: inout ScopeState, output out: OutputPrinter
) throws -> Bool {
  let ctx = CommandContext(
    headless: true, directory: URL(fileURLWithPath: file).deletingLastPathComponent().path)
  for (number, text) in script.lines {
    switch out.execute(text, line: number, on: &state, context: ctx) {
    case nil: break
    case .message(let m): out.emit(line: number, command: text, kind: "message", text: m)
    case .say(let t): out.emit(line: number, command: text, kind: "say", text: t)
    case .pause: if out.json { out.emit(line: number, command: text, kind: "pause", text: "") }
    case .error(let e):
      printError("\(file):\(number): \(e)")
      throw ExitCode(1)
    case .quit: return false
    }
  }
  return true
}
