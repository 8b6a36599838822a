import ArgumentParser
import Foundation
import RNNCore
import RNNFormats

// What train measures of and does with each trained model: the last loss's gradient profile and
// the saved weights.
extension TrainCommand {
  /// Mean over up to 32 held-out sequences of ‖∂L_last/∂h_t‖ (top layer): how much of the last loss
  /// reaches step t.
  func lastLossProfile(_ trainer: Trainer, _ examples: [Example]) -> [Double] {
    var sum: [Double] = []
    var n = 0
    for ex in examples.prefix(32) {
      var pass = ForwardPass(model: trainer.model, loss: trainer.task.loss)
      for t in ex.inputs.indices { pass.step(ex.inputs[t], target: ex.targets[t]) }
      let b = backpropagate(pass)
      let top = b.lastLossHiddenGradNorms[trainer.model.config.numLayers - 1]
      if sum.isEmpty {
        sum = top
      } else {
        for t in top.indices where t < sum.count { sum[t] += top[t] }
      }
      n += 1
    }
    return sum.map { $0 / Double(max(n, 1)) }
  }

  func suffixed(_ path: String, _ tag: String) -> String {
    let url = URL(fileURLWithPath: path)
    let ext = url.pathExtension
    let base = url.deletingPathExtension().path
    return ext.isEmpty ? "\(base)-\(tag)" : "\(base)-\(tag).\(ext)"
  }

  func saveModel(_ t: Trainer, _ task: SequenceTask, path: String) throws {
    do {
      try ModelWeights.save(t.model, to: path, extraMetadata: ModelWeights.metadata(for: task))
      if !json { print("saved \(path)") }
    } catch let e as WeightsError {
      printError("rnnscope train: \(e.description)")
      throw ExitCode(1)
    }
  }
}
