import ArgumentParser
import RNNFormats

extension TensorNames {
  /// The help of `--tensors`, the same for every command that opens weights.
  static let optionHelp = ArgumentHelp(
    "Which of the file's modules are the model's, when its names do not settle it: "
      + "rnn=PREFIX,fc=PREFIX[,embedding=PREFIX] (e.g. rnn=decoder.lstm,fc=decoder.out); "
      + "other tensors are left alone.",
    valueName: "map")

  /// `--tensors MAP` read, or the reason it cannot be (ArgumentParser prints it, exit 2).
  static func option(_ text: String) throws -> TensorNames {
    do { return try TensorNames(parsing: text) } catch { throw ValidationError(error.problem) }
  }
}
