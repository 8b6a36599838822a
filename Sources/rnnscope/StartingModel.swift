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
      ArgumentHelp(
        "A model to open (.safetensors, a PyTorch state_dict): a character model's vocabulary "
          + "comes from its __metadata__ \"vocab\"."
      )
  )
  var weights: String?
  @Option(help: TensorNames.optionHelp, transform: TensorNames.option) var tensors: TensorNames?

  /// The default state, reading `text` if given, with `weights` opened over it.
  func state(command: String) throws -> ScopeState {
    var o = ScopeOptions()
    if let path = text {
      o.text = try readTextFile(
        path, command: "rnnscope \(command)", characters: Limits.textCharacters.range)
    }
    var s = try Self.state(o, prefix: "rnnscope \(command)")
    try Self.open(weights, tensors: tensors, on: &s, command: command)
    return s
  }

  /// The state `o` sets up; a setting it refuses is printed after `prefix` and exits 2. Memory is
  /// estimated with the task's real sizes (a text's vocabulary) before anything is allocated.
  static func state(_ o: ScopeOptions, prefix: String) throws -> ScopeState {
    do { return try ScopeState(options: o) } catch let e as SequenceTask.Invalid {
      printError("\(prefix): \(e.setting.optionWording)")
    } catch let e as ResourceRefusal {
      printError("\(prefix): \(e.description)")
    } catch let e as CommandError {
      printError("\(prefix): \(e.message)")
    }
    throw ExitCode(2)
  }

  /// Opens `path` (if any) on `s`, printing what was loaded on stderr.
  static func open(
    _ path: String?, tensors: TensorNames? = nil, on s: inout ScopeState, command: String
  ) throws {
    guard let path else { return }
    do {
      printError("rnnscope \(command): " + (try s.openWeights(path, names: tensors)))
    } catch let e as WeightsError {
      printError("rnnscope \(command): \(e.description)")
      throw ExitCode(1)
    } catch {
      printError("rnnscope \(command): \(path): \(error)")
      throw ExitCode(1)
    }
  }
}
