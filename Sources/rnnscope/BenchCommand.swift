import ArgumentParser
import Foundation
import RNNCore
import RNNFormats
import RNNScopeApp
import RNNViews

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure the engine and the screen: steps per second, µs per step, GFLOP/s.",
    discussion: """
      Workloads: min-char-rnn (tanh RNN, hidden 100, 25 steps, Adagrad 0.1, clip ±5: forward + \
      BPTT + update), lstm-128 (T 100), gru-256 (T 200), lstm-512-b32 (T 64, batch 32), \
      train-rnn-h64, train-lstm-h64, train-gru-h64 (`rnnscope train` steps on the adding problem: \
      hidden 64, batch 32, T 50, Adam 3e-3, clip ‖∇θ‖ to 1), train-lstm-h128-text (the same on \
      text: LSTM hidden 128, batch 16, T 100; GFLOP/s of their matrix products), dgemm-512-2t and \
      dgemm-512-1t (BLAS's float64 GEMM of two 512 × 512 matrices on 2 threads and on 1: the \
      machine's peak, beside which to read the other GFLOP/s), frame-200x60 (one full screen with \
      every panel), train-update-10k (the UI thread's time per model the training thread \
      publishes, 10,000 steps taken at hidden 16: µs per model), bptt-10k (10,000 steps at hidden \
      256, with peak memory). Figures vary with the machine's load; run on an idle machine and \
      compare ratios measured side by side.
      """
  )

  @Flag(
    help:
      ArgumentHelp(
        "One JSON object: {\"workloads\": [{\"name\", \"steps_per_sec\", \"us_per_step\", "
          + "\"gflops\"}…]}."
      )
  ) var json = false
  @Option(help: "The text for min-char-rnn and train-lstm-h128-text (default: the built-in one).")
  var text: String?
  @Option(help: "Only the workloads whose names contain this.") var only: String?
  @Option(help: "Seconds to spend on each workload (at least one run).") var seconds: Double = 2

  struct Result {
    let name: String
    let stepsPerSec: Double
    let usPerStep: Double
    let gflops: Double?
    let peakMB: Double?
  }

  /// Every workload's name, in the order they run.
  static let workloads =
    ["bptt-10k", "min-char-rnn", "lstm-128", "gru-256", "lstm-512-b32"]
    + ["dgemm-512-2t", "dgemm-512-1t"] + TrainingWorkload.all.map(\.name)
    + ["frame-200x60", "train-update-10k"]

  func validate() throws {
    try Limits.benchSeconds.check(option: "seconds", seconds)
    if let only, !Self.workloads.contains(where: { $0.contains(only) }) {
      throw ValidationError(
        "no workload's name contains '\(only)': the workloads are "
          + Self.workloads.joined(separator: ", "))
    }
  }

  /// Runs `body` repeatedly for about `seconds` (at least twice: a warm-up and one timed run).
  func measure(_ body: () -> Void) -> (perSec: Double, us: Double) {
    body()
    var n = 0
    let start = DispatchTime.now().uptimeNanoseconds
    var elapsed = 0.0
    repeat {
      body()
      n += 1
      elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    } while elapsed < seconds
    return (Double(n) / elapsed, elapsed / Double(n) * 1e6)
  }

  func run() throws {
    var results: [Result] = []
    func want(_ name: String) -> Bool { only.map { name.contains($0) } ?? true }
    var body = builtinText
    if let path = text {
      guard let d = try? readBounded(path, limit: 200_000_000, what: "--text"),
        let s = String(data: d, encoding: .utf8),
        s.count > 26
      else {
        printError(
          "rnnscope bench: --text \(path): not a readable UTF-8 text of more than 26 characters")
        throw ExitCode(1)
      }
      body = s
    }
    // bptt-10k is measured first, before the other workloads have grown the heap: memory they
    // free stays resident, and this one's tape would fill it without raising the peak. It is
    // listed in its place below.
    var bptt: Result?
    if want("bptt-10k") {
      let c = ModelConfig(cell: .rnn, inputSize: 8, hiddenSize: 256, outputSize: 8)
      let model = Model(config: c, seed: 1)
      // Reset the peak to the current size (Linux: "5" to clear_refs).
      try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
      let before = peakRSSMB()
      let (ps, us) = measure {
        var pass = ForwardPass(model: model)
        for t in 0..<10_000 { pass.step(.token(t % 8), target: t == 9_999 ? .index(3) : nil) }
        _ = backpropagate(pass, lastLoss: false)
      }
      bptt = Result(
        name: "bptt-10k", stepsPerSec: ps, usPerStep: us, gflops: nil,
        peakMB: max(0, peakRSSMB() - before))
    }
    if want("min-char-rnn") {
      let vocab = CharVocabulary(text: body)
      let tokens = vocab.encode(body)
      let c = ModelConfig(
        cell: .rnn, inputSize: vocab.count, hiddenSize: 100, outputSize: vocab.count)
      var model = Model(config: c, seed: 1)
      var opt = Optimizer(.adagrad, learningRate: 0.1)
      let workspace = BatchWorkspace()
      var grads: ModelParameters? = ModelParameters(zerosFor: c)
      var p = 0
      let (ps, us) = measure {
        if p + 26 > tokens.count { p = 0 }
        let ex = Example(
          inputs: tokens[p..<(p + 25)].map { .token($0) },
          targets: tokens[(p + 1)...(p + 25)].map { .index($0) })
        grads!.zero()
        _ = BatchBPTT.run(
          model: model, loss: .crossEntropy, batch: [ex], grads: &grads, workspace: workspace)
        Clipping.byValue(&grads!, limit: 5)
        opt.step(&model.parameters, grads!)
        p += 25
      }
      results.append(
        Result(name: "min-char-rnn", stepsPerSec: ps, usPerStep: us, gflops: nil, peakMB: nil))
    }
    func sequenceWorkload(
      _ name: String, cell: CellKind, hidden: Int, steps: Int, batch: Int, flops: Bool
    ) {
      guard want(name) else { return }
      let c = ModelConfig(cell: cell, inputSize: hidden, hiddenSize: hidden, outputSize: hidden)
      let model = Model(config: c, seed: 1)
      var g = SeededGenerator(seed: 2)
      let zeros = Target.vector([Double](repeating: 0, count: hidden))
      let seqs = (0..<batch).map { _ in
        Example(
          inputs: (0..<steps).map { _ in
            StepInput.vector((0..<hidden).map { _ in g.uniform(-1, 1) })
          },
          targets: [Target?](repeating: zeros, count: steps))
      }
      let workspace = BatchWorkspace()
      var grads: ModelParameters? = ModelParameters(zerosFor: c)
      // Forward + full BPTT of the whole batch, the way `Trainer` runs it.
      let (ps, us) = measure {
        grads!.zero()
        _ = BatchBPTT.run(
          model: model, loss: .mse, batch: seqs, grads: &grads, workspace: workspace)
      }
      // Multiply-adds of the recurrent matmuls: forward G·H·(I+H) per step, backward twice that.
      let macs = Double(cell.gateCount * hidden * 2 * hidden) * 3 * Double(steps * batch)
      results.append(
        Result(
          name: name, stepsPerSec: ps, usPerStep: us, gflops: flops ? 2 * macs * ps / 1e9 : nil,
          peakMB: nil))
    }
    sequenceWorkload("lstm-128", cell: .lstm, hidden: 128, steps: 100, batch: 1, flops: false)
    sequenceWorkload("gru-256", cell: .gru, hidden: 256, steps: 200, batch: 1, flops: false)
    sequenceWorkload("lstm-512-b32", cell: .lstm, hidden: 512, steps: 64, batch: 32, flops: true)
    for threads in [2, 1] where want("dgemm-512-\(threads)t") {
      // The yardstick for the GFLOP/s above and below: BLAS's own float64 GEMM at a size where it
      // runs at its best.
      var product = SquareProduct(n: 512)
      let (ps, us) = measure { product.run(threads: threads) }
      results.append(
        Result(
          name: "dgemm-512-\(threads)t", stepsPerSec: ps, usPerStep: us,
          gflops: 2 * product.multiplyAdds * ps / 1e9, peakMB: nil))
    }
    for w in TrainingWorkload.all where want(w.name) {
      do {
        results.append(try measureTraining(w, text: body))
      } catch {
        printError("rnnscope bench: \(w.name): \(error)")
        throw ExitCode(1)
      }
    }
    if want("frame-200x60") {
      var o = ScopeOptions()
      o.cell = .lstm
      o.hidden = 32
      o.task = .echo
      o.delay = 5
      o.length = 60
      var s = try ScopeState(options: o)
      s.apply(.runToEnd)
      s.apply(.backward(animate: false, mode: .full))
      // A frame as the loop makes one (from the previous) and its drawing, as before the split.
      var frame = ScopeFrame(s, width: 200, height: 60)
      let theme = Theme()
      let (ps, us) = measure {
        frame = ScopeFrame(s, width: 200, height: 60, previous: frame)
        _ = ScopeScreen.render(frame, theme: theme)
      }
      results.append(
        Result(name: "frame-200x60", stepsPerSec: ps, usPerStep: us, gflops: nil, peakMB: nil))
    }
    if let bptt { results.append(bptt) }
    if want("train-update-10k") {
      // Not steps: models taken per second of the UI thread's time, and its µs per model.
      let (us, _) = try trainingUpdateCost()
      results.append(
        Result(
          name: "train-update-10k", stepsPerSec: 1e6 / us, usPerStep: us, gflops: nil, peakMB: nil))
    }
    if json {
      let objs: [[String: Any]] = results.map { r in
        var o: [String: Any] = [
          "name": r.name, "steps_per_sec": r.stepsPerSec, "us_per_step": r.usPerStep,
          "gflops": r.gflops.map { $0 as Any } ?? NSNull(),
        ]
        if let m = r.peakMB { o["peak_mb"] = m }
        return o
      }
      let data = try JSONSerialization.data(
        withJSONObject: ["workloads": objs], options: [.sortedKeys])
      StandardOutput.write(data + Data("\n".utf8))
    } else {
      StandardOutput.line("workload                 steps/s      µs/step    GFLOP/s   peak MB")
      for r in results {
        let row =
          r.name.padding(toLength: 21, withPad: " ", startingAt: 0)
          + String(format: " %10.1f %12.1f ", r.stepsPerSec, r.usPerStep)
          + (r.gflops.map { String(format: "%10.2f", $0) } ?? "         -")
          + (r.peakMB.map { String(format: " %9.1f", $0) } ?? "         -")
        StandardOutput.line(row)
      }
    }
  }

  /// The process's peak resident memory so far, from /proc (VmHWM), in MB.
  func peakRSSMB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kb / 1024
  }
}
