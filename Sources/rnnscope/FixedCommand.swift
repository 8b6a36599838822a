import ArgumentParser
import Foundation
import RNNCore
import RNNFormats
import RNNScopeApp

struct FixedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fixed",
    abstract: "Find a model's fixed and slow points and their linearisations.",
    discussion: """
      Runs one sequence of the task through the model, samples --starts states from its trajectory \
      and from each minimises q(s) = ½‖F(s) − s‖², F being one step of every layer with the input \
      held at x* (Levenberg–Marquardt with the exact Jacobian, LAPACK solves). The state s is \
      every layer's h (and c for the LSTM), layer 0 first. Prints each distinct point: q, fixed (q \
      ≤ --tol) or slow (a local minimum of q above it), its stability from the eigenvalues of \
      ∂F/∂s (stable: every |λ| < 1; saddle: some > 1; marginal: some ≈ 1), the readout W_fc h + \
      b_fc of the top layer's h, and the eigenvalues by |λ|. Exit status: 0 ok, 1 bad data, 2 bad \
      usage.
      """
  )

  @Argument(help: "The model's weights (.safetensors).") var weights: String
  @Option(help: "x*: zero, mean (of the sequence's inputs) or a step number (0-based).")
  var input: String = "zero"
  @Option(help: "Starts sampled from the trajectory.") var starts: Int = 64
  @Option(help: "q below this is a fixed point.") var tol: Double = 1e-12
  @Option(
    help:
      ArgumentHelp(
        "Stop each descent once q ≤ this: the ends above --tol are slow points, one step moving "
          + "them by at most √(2q) (a line attractor's line; default: every descent runs to its "
          + "end)."
      )
  )
  var stop: Double?
  @Option(help: "Gaussian noise (standard deviation) added to each start.") var noise: Double = 0
  @Option(help: "Seed of the sequence, the starts and the noise.") var seed: UInt64 = 1
  @Option(help: "The task (default: the file's __metadata__ task).") var task: TaskKind?
  @Option(help: "Steps of the sequence (default: the task's).") var length: Int?
  @Option(help: "flipflop: channels (default: the file's __metadata__ bits, else 3).")
  var bits: Int?
  @Option(help: "Eigenvalues shown per point (the --json output has all).") var eigenvalues: Int = 4
  @Flag(help: "One JSON object: every point with its state, readout and eigenvalues.")
  var json = false

  func validate() throws {
    guard (1...10_000).contains(starts) else {
      throw ValidationError("--starts must be from 1 to 10000 (got \(starts))")
    }
    guard tol.isFinite, tol > 0 else { throw ValidationError("--tol must be > 0 (got \(tol))") }
    if let stop, !(stop.isFinite && stop > 0) {
      throw ValidationError("--stop must be > 0 (got \(stop))")
    }
    guard noise.isFinite, noise >= 0 else {
      throw ValidationError("--noise must be ≥ 0 (got \(noise))")
    }
    guard eigenvalues >= 0 else { throw ValidationError("--eigenvalues must be ≥ 0") }
    _ = try fixedInput()
  }

  func fixedInput() throws -> FixedPointInput {
    switch input {
    case "zero": return .zero
    case "mean": return .mean
    default:
      guard let t = Int(input), t >= 0 else {
        throw ValidationError("--input must be zero, mean or a step number (got \(input))")
      }
      return .step(t)
    }
  }

  func run() throws {
    do {
      let contents = try SafeTensors.read(path: weights)
      let model = try ModelWeights.model(from: contents, file: weights)
      let c = model.config
      guard let kind = task ?? contents.metadata["task"].flatMap(TaskKind.init(rawValue:)) else {
        printError(
          "rnnscope fixed: \(weights): no task in __metadata__; say which with --task")
        throw ExitCode(2)
      }
      let vocabulary = try ModelVocabulary.read(contents.metadata, model: model, file: weights)
      let spec: SequenceTask
      do {
        spec = try SequenceTask(
          kind: kind, length: length,
          bits: kind == .flipflop ? bits ?? contents.metadata["bits"].flatMap { Int($0) } : nil,
          vocabulary: kind == .text ? vocabulary : nil)
      } catch let e as SequenceTask.Invalid {
        printError("rnnscope fixed: \(e.setting.optionWording)")
        throw ExitCode(2)
      }
      let reads =
        spec.readsTokens
        ? c.tokenCount == spec.inputSize
        : c.embeddingCount == nil && c.inputSize == spec.inputSize
      guard reads, spec.outputSize == c.outputSize else {
        printError(
          "rnnscope fixed: task \(kind.rawValue) reads \(spec.inputSize) and predicts "
            + "\(spec.outputSize) values; the model (\(c.summary)) does not fit it")
        throw ExitCode(1)
      }
      var g = SeededGenerator(seed: seed)
      let example = spec.example(&g)
      var pass = ForwardPass(model: model, loss: spec.loss)
      for x in example.inputs { pass.step(x) }
      var o = FixedPointFinder.Options()
      o.starts = starts
      o.tolerance = tol
      o.stopBelow = stop
      o.noise = noise
      o.seed = seed
      let x = try fixedInput()
      guard let report = FixedPointFinder.find(model: model, pass: pass, input: x, options: o)
      else {
        printError(
          "rnnscope fixed: --input \(input): the sequence has steps 0 to \(pass.steps.count - 1)")
        throw ExitCode(2)
      }
      if json {
        printJSON(report, model: model, task: spec, input: x, steps: pass.steps.count)
      } else {
        printText(report, model: model, task: spec, input: x, steps: pass.steps.count)
      }
    } catch let e as WeightsError {
      printError("rnnscope fixed: \(e.description)")
      throw ExitCode(1)
    }
  }

  func printText(
    _ r: FixedPointReport, model: Model, task: SequenceTask, input x: FixedPointInput, steps: Int
  ) {
    print("\(model.config.summary); task \(task.kind.rawValue), \(steps) steps, seed \(seed)")
    print(r.summary(input: x.description, tolerance: tol))
    for i in r.points.indices {
      for line in r.lines(ofPoint: i, eigenvalues: eigenvalues) { print(line) }
    }
  }

  func printJSON(
    _ r: FixedPointReport, model: Model, task: SequenceTask, input x: FixedPointInput, steps: Int
  ) {
    let obj: [String: Any] = [
      "model": model.config.summary, "task": task.kind.rawValue, "steps": steps, "seed": seed,
      "input": x.description, "input_vector": r.input, "starts": r.starts,
      "unconverged": r.unconverged, "duplicates": r.duplicates, "tolerance": tol,
      "state_layout": ReportValue.stateLayout(model.config),
      "points": r.points.map { ReportValue.fixedPoint($0).foundation },
    ]
    if let data = try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]) {
      StandardOutput.write(data + Data("\n".utf8))
    }
  }
}
