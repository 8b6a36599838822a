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
      "The model's characters come from the file's __metadata__ \"vocab\" (written by train)."
  )

  @Argument(help: "A character model (.safetensors).") var weights: String
  @Option(help: "Characters to generate.") var length: Int = 200
  @Option(help: "Softmax temperature (lower is more conservative).") var temperature: Double = 1
  @Option(help: "Text the model reads first.") var prime: String = ""
  @Option(help: "Seed of the sampling.") var seed: UInt64 = 1

  func validate() throws {
    try Limits.sampleLength.check(option: "length", length)
    try Limits.sampleTemperature.check(option: "temperature", temperature)
  }

  func run() throws {
    do {
      let contents = try SafeTensors.read(path: weights)
      let model = try ModelWeights.model(from: contents, file: weights)
      guard let v = contents.metadata["vocab"], let data = v.data(using: .utf8),
        let chars = try? JSONSerialization.jsonObject(with: data) as? [String],
        chars.allSatisfy({ $0.count == 1 })
      else {
        printError(
          "rnnscope sample: \(weights): no character vocabulary in __metadata__ (save one with rnnscope train --task text --save)"
        )
        throw ExitCode(1)
      }
      let vocab = CharVocabulary(text: chars.joined())
      guard vocab.count == model.config.tokenCount, vocab.count == model.config.outputSize else {
        printError(
          "rnnscope sample: \(weights): the vocabulary has \(vocab.count) characters but the model reads \(model.config.tokenCount) and predicts \(model.config.outputSize)"
        )
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
