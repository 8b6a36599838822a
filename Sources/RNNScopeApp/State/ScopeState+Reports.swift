import Foundation
import RNNCore
import RNNViews

/// The `show` reports: values printed as text.
extension ScopeState {
  /// A text report for `show WHAT`.
  func report(_ what: Report) -> String {
    let top = config.numLayers - 1
    switch what {
    case .model:
      var lines = [
        model.config.summary,
        "task \(task.kind.rawValue), \(maxSteps) steps per sequence, loss \(task.loss.rawValue)",
        "optimizer \(options.optimizer.rawValue), batch \(options.batch), clip \(options.clip), "
          + "trained \(trainedSteps) steps",
      ]
      for (name, blocks) in Spectral.report(model) {
        lines.append(
          "\(name): "
            + blocks.enumerated().map {
              "\(config.cell.gateNames[$0.offset]) ρ=\(NumberFormat.short($0.element.radius)) "
                + "σ_max=\(NumberFormat.short($0.element.sigmaMax))"
            }.joined(separator: ", "))
      }
      return lines.joined(separator: "\n")
    case .step:
      guard stepsTaken > 0 else { return "no steps taken" }
      let t = cursor
      guard let st = record(t) else { return "step \(t + 1) was forgotten" }
      var lines = [
        "step \(t + 1) of \(stepsTaken): input \(inputDescription(t)), target "
          + "\(targetDescription(t) ?? "none")"
      ]
      if let p = predictedToken(t) {
        lines.append("predicted \(tokenLabel(p)) with p=\(NumberFormat.short(st.probabilities[p]))")
      } else if let o = st.outputs.first {
        lines.append("output \(NumberFormat.short(o))")
      }
      if let l = st.loss { lines.append("loss \(NumberFormat.short(l))") }
      return lines.joined(separator: "\n")
    case .h:
      guard let st = record(cursor) else { return "no steps taken" }
      return "h_\(cursor + 1) = ["
        + st.hidden[top].map { NumberFormat.short($0) }.joined(separator: ", ") + "]"
    case .c:
      guard config.cell == .lstm, let st = record(cursor) else {
        return config.cell == .lstm ? "no steps taken" : "only an LSTM has a cell state"
      }
      return "c_\(cursor + 1) = ["
        + st.cell[top].map { NumberFormat.short($0) }.joined(separator: ", ") + "]"
    case .gates:
      guard config.cell != .rnn, let l = record(cursor)?.layers.last else {
        return "a vanilla RNN has no gates"
      }
      let H = config.hiddenSize
      return config.cell.gateNames.enumerated().map { k, name in
        "\(name) = ["
          + l.gates[config.cell.blockRows(k, hidden: H)].map { NumberFormat.short($0, digits: 2) }
          .joined(
            separator: ", ") + "]"
      }.joined(separator: "\n")
    case .gradients:
      guard bptt != nil, let norms = gradientNorms(layer: top) else {
        return "no gradients: run backward first"
      }
      if let second = secondModel {
        // A split view: each model's report, labelled with its key and name.
        var first = self
        first.split = SplitState()
        let (a, b) = splitLabels
        func indented(_ r: String) -> String { r.replacingOccurrences(of: "\n", with: "\n  ") }
        return "█ \(a): " + indented(first.report(.gradients)) + "\n● \(b): "
          + indented(second.report(.gradients))
      }
      let values = norms.map { $0.map { NumberFormat.scientific($0) } ?? "·" }
      var out =
        "\(measure.title), t = \(firstKept + 1)…\(firstKept + values.count): "
        + values.joined(separator: " ")
      if let first = norms.first ?? nil, let last = norms.last ?? nil,
        let rate = GradientFactors.mean(norms.map { $0 ?? 0 })
      {
        out +=
          "\nper step back the gradient is multiplied by about \(NumberFormat.short(rate)) (from "
          + "t=\(firstKept + norms.count) to t=\(firstKept + 1): "
          + "\(NumberFormat.scientific(first / last)))"
      }
      if let i = factorProbe, let r = record(firstKept + i), r.active, let layer = r.layers.last {
        let j = StepJacobian.norm(
          model.parameters.layers[top], cell: config.cell, activation: config.activation,
          step: layer)
        let f = stepBackFactors[i].map { "×\(NumberFormat.short($0)) back to t=\(firstKept + i), " }
        // The LSTM's state is (h, c): its Jacobian is the whole state's, its carousel beside it.
        let of = config.cell == .lstm ? "‖∂(h,c)_t/∂(h,c)_{t−1}‖₂" : "‖∂h_t/∂h_{t−1}‖₂"
        let carousel = StepJacobian.carousel(cell: config.cell, step: layer).map {
          ", ‖∂c_t/∂c_{t−1}‖₂ = max f_t = \(NumberFormat.short($0))"
        }
        out +=
          "\nat t=\(firstKept + i + 1): \(f ?? "")‖J_t‖₂ = \(of) = \(NumberFormat.short(j))"
          + (carousel ?? "")
      }
      if let b = bptt, case .truncated(let k1, let k2) = b.mode, let w = b.lastLossWindow {
        out +=
          "\ntruncated k1=\(k1) k2=\(k2): L_T goes back through "
          + "t=\(firstKept + w.steps.lowerBound + 1)"
          + "…\(firstKept + w.steps.upperBound + 1); before that its gradient is 0"
      }
      return out
    case .loss:
      return
        "Σ L = \(NumberFormat.short(pass.totalLoss)) over "
        + "\(pass.steps.filter { $0.loss != nil }.count) targets"
    case .spectrum:
      let w = Spectral.candidateBlock(
        model.parameters.layers[0].weightHH, cell: config.cell, hidden: config.hiddenSize)
      let f = Spectral.figures(w)
      let eig = (Spectral.eigenvalues(w) ?? []).sorted { $0.magnitude > $1.magnitude }.prefix(6)
      return
        "ρ = \(NumberFormat.short(f.radius)), σ_max = \(NumberFormat.short(f.sigmaMax)); largest "
        + "eigenvalues: "
        + eig.map {
          "\(NumberFormat.short($0.re))\($0.im >= 0 ? "+" : "-")\(NumberFormat.short(abs($0.im)))i"
        }.joined(separator: ", ")
    case .sequence:
      let xs = (0..<maxSteps).map { inputLabel($0) }.joined(separator: " ")
      let ys = (0..<maxSteps).map { targetLabel($0) ?? "·" }.joined(separator: " ")
      return "inputs:  \(xs)\ntargets: \(ys)"
    case .units: return unitsReport()
    case .training:
      guard !history.isEmpty else { return "not trained yet" }
      return
        "step \(trainedSteps): loss \(NumberFormat.short(history.loss.last!)), ‖∇‖ "
        + "\(NumberFormat.scientific(history.gradNorm.last!))"
        + ((history.accuracy.last ?? nil).map { ", accuracy \(NumberFormat.short($0, digits: 2))" }
          ?? "")
    }
  }
}
