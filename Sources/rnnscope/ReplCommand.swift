import ArgumentParser
import Foundation
import RNNCore
import RNNScopeApp

struct ReplCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "A line REPL over the command language (help lists the commands).",
    discussion: """
      On a terminal: line editing, history (~/.rnnscope_history) and Tab completion through \
      libedit. Otherwise it reads plain lines, so `echo 'step 5' | rnnscope repl` works. An error \
      never loses the model or the history.
      """
  )

  @Flag(help: "One JSON object per command.") var json = false
  @OptionGroup var start: StartingModel

  func run() throws {
    var state = try start.state(command: "repl")
    lineREPL(state: &state, json: json)
  }
}

/// The line REPL: reads commands (through libedit on a terminal, plain lines otherwise) until quit
/// or end of input. An error is printed and the loop goes on, so the model and the history are
/// never lost.
func lineREPL(state: inout ScopeState, json: Bool) {
  let out = OutputPrinter(json: json)
  let ctx = CommandContext(headless: true)
  let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
  let editor = interactive ? LineEditor() : nil
  if interactive {
    StandardOutput.line(
      "rnnscope repl — \(state.model.config.summary). help lists the commands; quit or Ctrl-D "
        + "leaves."
    )
  }
  while let line = editor?.read(prompt: "rnnscope> ") ?? (interactive ? nil : readLine()) {
    let text = line.trimmingCharacters(in: .whitespaces)
    if text.isEmpty { continue }
    editor?.remember(text)  // saved at once: Ctrl-C or a crash later keeps it
    switch out.execute(text, line: nil, on: &state, context: ctx) {
    case nil: break
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
