import ArgumentParser
import Foundation
import RNNCore
import RNNFormats
import RNNScopeApp

/// `--text FILE` and `--weights FILE` for `repl` and `run` (and `--weights` for `tui`): the state
/// they start from. A refusal is printed as `rnnscope COMMAND: …` and exits 1.
struct StartingModel: ParsableArguments {
  @Option(help: "A UTF-8 text file to read, character by character.") var text: String?
  @Option(
    help:
      "A model to open (.safetensors, a PyTorch state_dict): a character model's vocabulary comes from its __metadata__ \"vocab\"."
  )
  var weights: String?

  /// The default state, reading `text` if given, with `weights` opened over it.
  func state(command: String) throws -> ScopeState {
    var o = ScopeOptions()
    if let path = text {
      o.text = try readTextFile(
        path, command: "rnnscope \(command)", characters: Limits.textCharacters.range)
    }
    var s: ScopeState
    do { s = try ScopeState(options: o) } catch let e as SequenceTask.Invalid {
      printError("rnnscope \(command): \(e.setting.optionWording)")
      throw ExitCode(2)
    } catch let e as ResourceRefusal {
      printError("rnnscope \(command): \(e.description)")
      throw ExitCode(2)
    }
    try Self.open(weights, on: &s, command: command)
    return s
  }

  /// Opens `path` (if any) on `s`, printing what was loaded on stderr.
  static func open(_ path: String?, on s: inout ScopeState, command: String) throws {
    guard let path else { return }
    do {
      printError("rnnscope \(command): " + (try s.openWeights(path)))
    } catch let e as WeightsError {
      printError("rnnscope \(command): \(e.description)")
      throw ExitCode(1)
    } catch {
      printError("rnnscope \(command): \(path): \(error)")
      throw ExitCode(1)
    }
  }
}
