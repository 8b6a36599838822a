import Foundation
import Testing

@testable import RNNCore
@testable import RNNFormats

/// FixedPointFinder on a tanh RNN trained by rnnscope's own trainer to integrate (the running sum
/// of sparse pulses; Tests/Fixtures/Integrator/rnn_tanh_h64.safetensors, made by
/// scripts/golden/make_integrator.sh): a line attractor. Its descents stopped once q ≤ 1e-8 end
/// on one line of slow points, each with one eigenvalue of ∂F/∂h near 1 and the rest well inside
/// the unit circle, along which the readout spans a range of sums.
struct IntegratorSlowPointTests {
  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/Integrator/rnn_tanh_h64.safetensors").path

  @Test func theSlowPointsLieOnALineWithOneEigenvalueNearOne() throws {
    let model = try ModelWeights.load(path: Self.file)
    let task = try SequenceTask(kind: .integrator, length: 400)
    var g = SeededGenerator(seed: 1)
    var pass = ForwardPass(model: model, loss: task.loss)
    for x in task.example(&g).inputs { pass.step(x) }
    var o = FixedPointFinder.Options()
    o.starts = 256
    o.stopBelow = 1e-8
    let report = try #require(
      FixedPointFinder.find(model: model, pass: pass, input: .zero, options: o))
    let points = report.points
    #expect(points.count >= 20, "\(points.count) points")
    for p in points {
      // Stopped at q ≤ 1e-8, or at a local minimum of q (‖∇q‖ ≤ 1e-8) just above it.
      #expect(p.q <= 1e-8 || (p.gradientNorm <= 1e-8 && p.q < 1e-7), "q \(p.q)")
      // One step from s* with no input moves it by at most √(2q), stepping the model itself.
      var step = ForwardPass(model: model, loss: .mse, initialHidden: [p.state])
      step.step(.vector([0]))
      let moved = zip(step.hidden[0], p.state).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
      #expect(moved.squareRoot() <= (2 * p.q).squareRoot() * (1 + 1e-9) + 1e-15)
      // One eigenvalue near 1 (0.990–1.000 here), the next well inside (0.892).
      let m = p.eigenvalues.map(\.magnitude)
      #expect(abs(m[0] - 1) < 0.03, "\(m[0])")
      #expect(m[1] < m[0] - 0.05, "\(m[1])")
    }
    // One line: the points' states vary along their first principal component only.
    let pca = try #require(PrincipalComponents(points.map(\.state)))
    #expect(pca.shares[0] > 0.99, "\(pca.shares[0])")
    // Along it the readout spans sums from below −0.2 to above +0.45 (−0.22…+0.50 here).
    let sums = points.map { $0.readout[0] }
    #expect(sums.min()! < -0.2 && sums.max()! > 0.45, "\(sums.min()!)…\(sums.max()!)")
  }
}
