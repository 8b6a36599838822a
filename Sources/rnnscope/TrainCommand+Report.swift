import Foundation
import RNNCore

// What train prints: JSON lines, the progress bar on stderr, and the summary table.
extension TrainCommand {
  func emit(_ obj: [String: Any]) {
    var clean = obj
    for (k, v) in obj {
      if case Optional<Any>.none = v as Any? { clean[k] = NSNull() }
      if let d = v as? Double, !d.isFinite {
        clean[k] = d.isNaN ? "NaN" : (d > 0 ? "Infinity" : "-Infinity")
      }
      if let a = v as? [Double] { clean[k] = a.map { $0.isFinite ? $0 as Any : "NaN" as Any } }
    }
    if let v = obj["accuracy"], case Optional<Any>.none = v as Any? { clean["accuracy"] = NSNull() }
    if let data = try? JSONSerialization.data(withJSONObject: clean, options: [.sortedKeys]) {
      StandardOutput.write(data + Data("\n".utf8))
    }
  }

  func progress(_ c: CellKind, _ s: Int, _ st: StepStats) {
    let width = 30
    let filled = Int(Double(width) * Double(s) / Double(steps))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    let acc = st.accuracy.map { String(format: " acc %.3f", $0) } ?? ""
    let line = String(
      format: "\r%@ %@ %d/%d loss %.4f%@ |∇| %.3g",
      c.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0),
      bar, s, steps, st.loss, acc, st.gradNorm)
    StandardOutput.toStandardError(line)
  }

  func printSummary(
    _ task: SequenceTask, _ rows: [(CellKind, Evaluation, String?, Double, Int, [Double], [Double])]
  ) {
    print(
      "task \(task.kind.rawValue) (length \(task.length)"
        + (task.kind == .echo || task.kind == .copy ? ", delay \(task.delay)" : "")
        + "), held-out 256 sequences; chance: \(task.chance)")
    print(
      "‖∂L_T/∂h_1‖: the gradient of the last step's loss when it reaches step 1 (mean over 32 "
        + "held-out sequences)"
    )
    print(
      "cell   held-out loss   accuracy        mse   steps   seconds   ‖∂L_T/∂h_1‖ at start   at "
        + "end   diverged"
    )
    func sci(_ v: Double?) -> String {
      v.map { $0.isFinite ? String(format: "%.2e", $0) : "\($0)" } ?? "-"
    }
    for (c, e, d, sec, st, initial, prof) in rows {
      let acc = e.accuracy.map { String(format: "%8.3f", $0) } ?? "       -"
      let mse = e.mse.map { String(format: "%10.4f", $0) } ?? "         -"
      let name = c.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
      print(
        name + String(format: " %13.4f   ", e.loss) + acc + " " + mse
          + String(format: " %7d %9.1f   ", st, sec)
          + sci(initial.first).leftPad(20) + sci(prof.first).leftPad(9) + "   "
          + (d == nil ? "no" : "yes"))
    }
  }
}
