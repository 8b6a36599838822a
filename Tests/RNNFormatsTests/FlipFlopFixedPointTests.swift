import Foundation
import Testing

@testable import RNNCore
@testable import RNNFormats

/// FixedPointFinder on a 3-bit flip-flop RNN trained by rnnscope's own trainer
/// (Tests/Fixtures/FlipFlop/rnn_tanh_h64.safetensors, made by scripts/golden/make_flipflop.sh):
/// Sussillo & Barak's picture — one stable fixed point per memory (8 sign patterns in the
/// readout) and saddles with one unstable mode between them.
struct FlipFlopFixedPointTests {
  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/FlipFlop/rnn_tanh_h64.safetensors").path

  /// The model, a 600-step flip-flop sequence (seed 1) through it, and the points found from
  /// 128 of its states with x* = 0 and start noise `noise`.
  static func search(noise: Double) throws -> (Model, FixedPointReport) {
    let model = try ModelWeights.load(path: file)
    let task = try SequenceTask(kind: .flipflop, length: 600, bits: 3)
    var g = SeededGenerator(seed: 1)
    var pass = ForwardPass(model: model, loss: task.loss)
    for x in task.example(&g).inputs { pass.step(x) }
    var o = FixedPointFinder.Options()
    o.starts = 128
    o.noise = noise
    return (model, FixedPointFinder.find(model: model, pass: pass, input: .zero, options: o)!)
  }

  @Test func eightStableFixedPointsHoldTheEightSignPatterns() throws {
    let (model, report) = try Self.search(noise: 0)
    let stable = report.points.filter { $0.isFixed && $0.stability == .stable }
    #expect(stable.count == 8)
    let patterns = Set(stable.map { p in p.readout.map { $0 > 0 } })
    #expect(patterns.count == 8)
    // A memory reads out near ±1 in every channel, not near 0.
    #expect(stable.allSatisfy { p in p.readout.allSatisfy { abs($0) > 0.5 } })
    let finder = FixedPointFinder(model: model, input: [0, 0, 0])
    for p in stable {
      #expect(p.q <= 1e-12)
      #expect(p.eigenvalues.allSatisfy { $0.magnitude < 1 })
      // F(h*) = h*, stepping the model itself from h* with a zero input.
      var pass = ForwardPass(model: model, loss: .mse, initialHidden: [p.state])
      pass.step(.vector([0, 0, 0]))
      let d = zip(pass.hidden[0], p.state).map { abs($0 - $1) }.max() ?? .nan
      #expect(d < 1e-12)
      // The head applied to h*.
      var o = model.parameters.fcWeight.times(p.state)
      addInPlace(&o, model.parameters.fcBias)
      #expect(o == p.readout)
      // ∂F/∂h at h* against central differences of F.
      let j = finder.jacobian(p.state)
      let eps = 1e-5
      var worst = 0.0
      for col in p.state.indices {
        var up = p.state
        var down = p.state
        up[col] += eps
        down[col] -= eps
        let fu = finder.step(up)
        let fd = finder.step(down)
        for r in p.state.indices {
          worst = max(worst, abs(j[r, col] - (fu[r] - fd[r]) / (2 * eps)))
        }
      }
      #expect(worst < 1e-7)
    }
  }

  @Test func saddlesBetweenTheMemoriesHaveOneUnstableMode() throws {
    let (model, report) = try Self.search(noise: 0.5)
    #expect(report.points.filter { $0.isFixed && $0.stability == .stable }.count == 8)
    let saddles = report.points.filter { $0.isFixed && $0.stability == .saddle(unstable: 1) }
    #expect(saddles.count >= 3)
    for p in saddles {
      #expect(p.eigenvalues.filter { $0.magnitude > 1 }.count == 1)
      var pass = ForwardPass(model: model, loss: .mse, initialHidden: [p.state])
      pass.step(.vector([0, 0, 0]))
      #expect((zip(pass.hidden[0], p.state).map { abs($0 - $1) }.max() ?? .nan) < 1e-12)
    }
  }
}
