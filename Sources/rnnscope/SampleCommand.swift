import ArgumentParser
import Foundation
import RNNCore
import RNNFormats

struct SampleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample",
    abstract:
      "Sample text from a character model saved by `rnnscope train --task text --save FILE`.",
    discussion:
      "The model's characters come from the file's __metadata__ \"vocab\": a JSON list of its "
      + "characters in token order (written by train --save; see the README for PyTorch)."
  )

  @Argument(help: "A character model (.safetensors).") var weights: String
  @Option(help: "Characters to generate.") var length: Int = 200
  @Option(help: "Softmax temperature (lower is more conservative).") var temperature: Double = 1
  @Option(help: "Text the model reads first.") var prime: String = ""
  @Option(help: "Seed of the sampling.") var seed: UInt64 = 1
  @Option(help: TensorNames.optionHelp, transform: TensorNames.option) var tensors: TensorNames?

  func validate() throws {
    try Limits.sampleLength.check(option: "length", length)
    try Limits.sampleTemperature.check(option: "temperature", temperature)
  }

  func run() throws {
    do {
      let contents = try SafeTensors.read(path: weights)
      let model = try ModelWeights.model(from: contents, file: weights, names: tensors)
      guard let vocab = try ModelVocabulary.read(contents.metadata, model: model, file: weights)
      else {
        printError(
          "rnnscope sample: \(weights): no character vocabulary: __metadata__ \"vocab\" lists the "
            + "model's characters in token order (rnnscope train --task text --save writes it; the "
            + "README shows the PyTorch line)")
        throw ExitCode(1)
      }
      let unknown = vocab.missing(in: prime)
      guard unknown.isEmpty else {
        printError(
          "rnnscope sample: --prime has characters the model does not know: "
            + unknown.map { "'\(visible(String($0)))'" }.joined(separator: ", "))
        throw ExitCode(1)
      }
      // The characters come from the file's metadata: control characters are shown escaped.
      let text =
        prime
        + sampleText(
          model: model, vocabulary: vocab, prime: prime, length: length, temperature: temperature,
          seed: seed)
      print(visible(text, keepNewlines: true))
    } catch let e as WeightsError {
      printError("rnnscope sample: \(e.description)")
      throw ExitCode(1)
    }
  }
}
