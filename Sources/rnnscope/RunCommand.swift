import ArgumentParser
import Foundation
import RNNCore
import RNNScopeApp

/// Prints what a command showed, as text or as one JSON object per command.
struct OutputPrinter {
  let json: Bool

  func emit(line: Int?, command: String, kind: String, text: String) {
    if json {
      var o: [String: Any] = ["command": command, "kind": kind, "output": text]
      if let line { o["line"] = line }
      if let d = try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]) {
        StandardOutput.write(d + Data("\n".utf8))
      }
    } else if !text.isEmpty {
      // Text from a session file reaches the terminal with its control characters escaped.
      StandardOutput.line(visible(kind == "say" ? "» " + text : text, keepNewlines: true))
    }
  }
}

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a session file headless, printing what its commands show.",
    discussion: "Exit status 0, or 1 with FILE:LINE: message at the first error (2 for bad usage)."
  )

  @Argument(help: "A session file (.rnns): one command per line, # comments.") var file: String
  @Flag(help: "One JSON object per command: {\"line\", \"command\", \"kind\", \"output\"}.")
  var json = false

  func run() throws {
    let script: SessionScript
    do { script = try SessionScript.load(file) } catch let e as SessionScript.Invalid {
      printError("rnnscope run: \(e.description)")
      throw ExitCode(1)
    }
    var state = try ScopeState()
    _ = try playHeadless(script, file: file, state: &state, output: OutputPrinter(json: json))
  }
}

/// Runs every line of a session without a screen, printing what each command shows. Returns false when the
/// session quits; throws ExitCode(1) after printing FILE:LINE: message at the first error.
func playHeadless(
  _ script: SessionScript, file: String, state: inout ScopeState, output out: OutputPrinter
) throws -> Bool {
  let ctx = CommandContext(
    headless: true, directory: URL(fileURLWithPath: file).deletingLastPathComponent().path)
  for (number, text) in script.lines {
    switch CommandLanguage.execute(text, on: &state, context: ctx) {
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

struct ReplCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "A line REPL over the command language (help lists the commands).",
    discussion: """
      On a terminal: line editing, history (~/.rnnscope_history) and Tab completion through libedit. \
      Otherwise it reads plain lines, so `echo 'step 5' | rnnscope repl` works. An error never loses \
      the model or the history.
      """
  )

  @Flag(help: "One JSON object per command.") var json = false

  func run() throws {
    var state = try ScopeState()
    lineREPL(state: &state, json: json)
  }
}

/// The line REPL: reads commands (through libedit on a terminal, plain lines otherwise) until quit or end of
/// input. An error is printed and the loop goes on, so the model and the history are never lost.
func lineREPL(state: inout ScopeState, json: Bool) {
  let out = OutputPrinter(json: json)
  let ctx = CommandContext(headless: true)
  let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
  let editor = interactive ? LineEditor() : nil
  if interactive {
    StandardOutput.line(
      "rnnscope repl — \(state.model.config.summary). help lists the commands; quit or Ctrl-D leaves."
    )
  }
  while let line = editor?.read(prompt: "rnnscope> ") ?? (interactive ? nil : readLine()) {
    let text = line.trimmingCharacters(in: .whitespaces)
    if text.isEmpty { continue }
    editor?.remember(text)  // saved at once: Ctrl-C or a crash later keeps it
    switch CommandLanguage.execute(text, on: &state, context: ctx) {
    case .message(let m): out.emit(line: nil, command: text, kind: "message", text: m)
    case .say(let t): out.emit(line: nil, command: text, kind: "say", text: t)
    case .pause: break
    case .error(let e):
      if json {
        out.emit(line: nil, command: text, kind: "error", text: e)
      } else {
        printError("error: \(e)")
      }
    case .quit: return
    }
  }
}
