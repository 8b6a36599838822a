import ArgumentParser
import Foundation
import RNNCore
import RNNFormats

struct TraceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract: "Run one sequence through a safetensors model and print every number as JSON.",
    discussion: """
      WEIGHTS is a safetensors file holding a PyTorch state_dict: nn.RNN, nn.LSTM or nn.GRU \
      weights (rnn.weight_ih_l0 …, or under the module's own prefix: lstm., module.rnn., …), a \
      linear head and optionally an embedding; __metadata__ cell, activation and, for a character \
      model, vocab. SPEC is JSON: {"inputs": [[…], …]}, {"tokens": [i, …]} or, with a vocab, \
      {"text": "…"} (each target the next character unless given); optional "targets" (class \
      index, vector or null per step) and "loss" ("cross_entropy" or "mse"). Prints outputs, \
      hidden (and cell) states, the loss, every parameter's gradient, the gradient norm per \
      timestep and layer, and the spectral figures of every weight_hh. Exit status: 0 ok, 1 bad \
      data, 2 bad usage.
      """
  )

  @Argument(help: "The model's weights (.safetensors).")
  var weights: String

  @Argument(help: "The sequence (JSON).")
  var spec: String

  @Option(help: TensorNames.optionHelp, transform: TensorNames.option) var tensors: TensorNames?

  func run() throws {
    do {
      let contents = try SafeTensors.read(path: weights)
      let model = try ModelWeights.model(from: contents, file: weights, names: tensors)
      let vocabulary = try ModelVocabulary.read(contents.metadata, model: model, file: weights)
      let data: Data
      do { data = try readBounded(spec, limit: 64_000_000, what: "a SPEC file") } catch let e
        as FileProblem
      {
        throw SpecError(description: "\(spec): \(e.problem)")
      }
      let s = try TraceSpec.parse(data, file: spec, model: model, vocabulary: vocabulary)
      // Every step's states and every number of the report are kept until printed: refuse what
      // would not fit.
      if let refusal = ResourceEstimate.refusal(
        TraceReport.estimatedBytes(model: model, steps: s.inputs.count))
      {
        throw SpecError(
          description: "\(spec): \(s.inputs.count) steps through this model: \(refusal)")
      }
      var out = try TraceReport(model: model, spec: s).json()
      out.append(0x0A)
      StandardOutput.write(out)
    } catch let e as WeightsError {
      printError("rnnscope trace: \(e.description)")
      throw ExitCode(1)
    } catch let e as SpecError {
      printError("rnnscope trace: \(e.description)")
      throw ExitCode(1)
    }
  }
}
