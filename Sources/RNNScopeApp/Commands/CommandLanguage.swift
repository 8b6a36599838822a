import Foundation
import RNNCore

/// The command language of the `:` line, `rnnscope repl` and session files: one command per line,
/// `name [words] [key=value…]`, `#` starts a comment. Each command is a type of its own
/// (`Command`); this is their list, the parser that finds one, help and completion made from their
/// definitions.
public enum CommandLanguage {
  /// Every command, in the order help lists them.
  public static let commands: [any Command.Type] = [
    StepCommand.self, BackCommand.self, RunCommand.self, ResetCommand.self, NextCommand.self,
    BackwardCommand.self, PadCommand.self, TrainCommand.self, ModelCommand.self,
    TaskCommand.self, InitCommand.self, SetCommand.self, AxisCommand.self, PinCommand.self,
    UnpinCommand.self, SplitCommand.self, TextCommand.self, CursorCommand.self, ViewCommand.self,
    ShowCommand.self, FindCommand.self, UnitCommand.self, FixedPointsCommand.self,
    SampleCommand.self, SaveCommand.self, ExportCommand.self, LoadCommand.self, SayCommand.self,
    PauseCommand.self, PresentCommand.self, HelpCommand.self, QuitCommand.self,
  ]

  public static var definitions: [CommandDefinition] { commands.map { $0.definition } }

  /// The command called `name`, if any.
  static func command(named name: String) -> (any Command.Type)? {
    commands.first { $0.definition.name == name }
  }

  /// The action a line asks for, or the refusal worded for the command language. Blank and
  /// comment lines ask for nothing (`.none`).
  public static func parse(_ line: String, state: ScopeState, context: CommandContext) -> Result<
    Action, CommandError
  > {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty || trimmed.hasPrefix("#") { return .success(.none) }
    let first = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })[0]
    let name = first.lowercased()
    guard let command = command(named: name) else {
      return .failure(
        CommandError(
          "unknown command '\(visible(name))'"
            + suggestion(name, among: definitions.map(\.name)) + " — help lists them"))
    }
    do {
      let words = try CommandWords(
        line: trimmed, name: name, definition: command.definition, context: context)
      return .success(try command.parse(words, state: state))
    } catch let e as CommandError {
      return .failure(e)
    } catch {
      return .failure(CommandError("\(error)"))
    }
  }

  /// Parses one line and applies it to the state: what the REPL, `rnnscope run` and tests call.
  public static func execute(
    _ line: String, on s: inout ScopeState,
    context: CommandContext = CommandContext(headless: false)
  ) -> CommandResult {
    apply(parse(line, state: s, context: context), on: &s, context: context)
  }

  /// A parsed line applied to the state: its action, or its refusal shown as any error is.
  public static func apply(
    _ parsed: Result<Action, CommandError>, on s: inout ScopeState, context: CommandContext
  ) -> CommandResult {
    switch parsed {
    case .success(let action): return s.apply(action, context: context)
    case .failure(let e): return s.apply(.refused(e.message), context: context)
    }
  }

  /// `help`: the list of commands; `help NAME`: its usage, what it does, its options' values.
  static func help(_ name: String?) -> String {
    guard let name, let c = command(named: name)?.definition else {
      return "commands (help NAME explains one and its options):\n"
        + definitions.map { "  \($0.name) — \($0.help)" }.joined(separator: "\n")
    }
    return (["\(c.usage) — \(c.help)"] + c.explanations.map { "  " + $0 })
      .joined(separator: "\n")
  }

  /// Tab completion: command names first, then the command's words and options.
  public static let completions: @Sendable ([String]) -> [String] = { previous in
    guard let first = previous.first else { return definitions.map(\.name) }
    guard let c = command(named: first)?.definition else { return [] }
    if first == HelpCommand.definition.name { return definitions.map(\.name) }
    return c.words + c.options.map { $0.name + "=" }
  }

  /// Levenshtein distance, for "did you mean".
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var prev = row[0]
      row[0] = i
      for j in 1...max(b.count, 1) where !b.isEmpty {
        let cur = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
        prev = cur
      }
    }
    return a.isEmpty ? b.count : row[b.count]
  }

  /// " (did you mean X?)" for the nearest of `among`, when near enough; else "".
  static func suggestion(_ word: String, among: [String]) -> String {
    let best = among.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
    if let (w, d) = best, d <= max(2, word.count / 3) { return " (did you mean \(w)?)" }
    return ""
  }
}
