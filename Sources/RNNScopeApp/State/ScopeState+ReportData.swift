import Foundation
import RNNCore

/// The `show` reports as data (`run --json`): the numbers each text report prints, as numbers and
/// arrays, with the same steps (t counted from 1) and the same derivations.
extension ScopeState {
  /// `show WHAT`'s numbers; its fields are listed in the README (`run --json`).
  public func reportData(_ what: Report) -> ReportValue {
    let top = config.numLayers - 1
    let c = config
    switch what {
    case .model:
      let spectral = Spectral.report(model).map { name, blocks in
        ReportValue.object([
          "matrix": .string(name),
          "blocks": .array(
            blocks.enumerated().map { k, f in
              .object([
                "gate": .string(c.cell.gateNames[k]), "radius": .number(f.radius),
                "sigma_max": .number(f.sigmaMax),
              ])
            }),
        ])
      }
      return .object([
        "cell": .string(c.cell.rawValue), "activation": .string(c.activation.rawValue),
        "layers": .number(Double(c.numLayers)), "input_size": .number(Double(c.inputSize)),
        "hidden_size": .number(Double(c.hiddenSize)),
        "output_size": .number(Double(c.outputSize)), "task": .string(task.kind.rawValue),
        "steps_per_sequence": .number(Double(maxSteps)), "loss": .string(task.loss.rawValue),
        "optimizer": .string(options.optimizer.rawValue), "batch": .number(Double(options.batch)),
        "clip": .number(options.clip), "trained_steps": .number(Double(trainedSteps)),
        "spectral": .array(spectral),
      ])
    case .step:
      guard let st = record(cursor) else { return .object(["t": .null]) }
      let p = predictedToken(cursor)
      return .object([
        "t": .number(Double(cursor + 1)), "steps_taken": .number(Double(stepsTaken)),
        "input": .string(inputLabel(cursor)), "target": .maybe(targetLabel(cursor)),
        "predicted": .maybe(p.map { tokenLabel($0) }),
        "probability": .maybe(p.map { st.probabilities[$0] }), "outputs": .numbers(st.outputs),
        "loss": .maybe(st.loss),
      ])
    case .h, .c:
      guard let st = record(cursor), what == .h || c.cell == .lstm else {
        return .object(["t": .null, "values": .array([])])
      }
      return .object([
        "t": .number(Double(cursor + 1)),
        "values": .numbers(what == .h ? st.hidden[top] : st.cell[top]),
      ])
    case .gates:
      guard c.cell != .rnn, let l = record(cursor)?.layers.last else {
        return .object(["t": .null, "gates": .object([:])])
      }
      var gates: [String: ReportValue] = [:]
      for (k, name) in c.cell.gateNames.enumerated() {
        gates[name] = .numbers(Array(l.gates[c.cell.blockRows(k, hidden: c.hiddenSize)]))
      }
      return .object(["t": .number(Double(cursor + 1)), "gates": .object(gates)])
    case .gradients:
      if let second = secondModel {
        var first = self
        first.split = SplitState()
        let (a, b) = splitLabels
        return .object([
          "first": first.reportData(.gradients), "second": second.reportData(.gradients),
          "labels": .array([.string(a), .string(b)]),
        ])
      }
      guard bptt != nil, let norms = gradientNorms(layer: top) else {
        return .object(["measure": .string(measure.title), "t": .array([]), "norms": .array([])])
      }
      let sigma = Spectral.figures(
        Spectral.candidateBlock(
          model.parameters.layers[0].weightHH, cell: c.cell, hidden: c.hiddenSize)
      ).sigmaMax
      return .object([
        "measure": .string(measure.title),
        "t": .numbers(norms.indices.map { Double(firstKept + $0 + 1) }), "norms": .numbers(norms),
        "factors": .numbers(stepBackFactors),
        "mean_factor": .maybe(GradientFactors.mean(norms.map { $0 ?? 0 })),
        "bound": .numbers(ScopeFrame.bound(self, count: norms.count, sigmaMax: sigma)),
      ])
    case .loss:
      return .object([
        "total": .number(pass.totalLoss),
        "targets": .number(Double(pass.steps.filter { $0.loss != nil }.count)),
        "per_step": .numbers(pass.steps.map(\.loss)),
      ])
    case .spectrum:
      let w = Spectral.candidateBlock(
        model.parameters.layers[0].weightHH, cell: c.cell, hidden: c.hiddenSize)
      let f = Spectral.figures(w)
      let eig = (Spectral.eigenvalues(w) ?? []).sorted { $0.magnitude > $1.magnitude }
      return .object([
        "radius": .number(f.radius), "sigma_max": .number(f.sigmaMax),
        "eigenvalues": .array(eig.map { .numbers([$0.re, $0.im]) }),
      ])
    case .sequence:
      return .object([
        "inputs": .array((0..<maxSteps).map { .string(inputLabel($0)) }),
        "targets": .array((0..<maxSteps).map { .maybe(targetLabel($0)) }),
      ])
    case .units:
      let units = shownUnits.compactMap { label in
        unitValues(label).map {
          ReportValue.object(["label": .string(label), "values": .numbers($0.values)])
        }
      }
      return .object([
        "t": .numbers(pass.steps.indices.map { Double(firstKept + $0 + 1) }),
        "inputs": .array(pass.steps.indices.map { .string(inputLabel(firstKept + $0)) }),
        "units": .array(units),
      ])
    case .training:
      let h = history
      return .object([
        "trained_steps": .number(Double(trainedSteps)),
        "steps": .numbers(h.steps.map(Double.init)), "loss": .numbers(h.loss),
        "grad_norm": .numbers(h.gradNorm), "accuracy": .numbers(h.accuracy),
        "clipped": .array(h.clipped.map { .bool($0) }),
      ])
    }
  }

  /// `find`'s ranking as data: every unit listed with its r, strongest first.
  public func foundData(_ p: TextPredicate, top: Int) -> ReportValue {
    guard let ranked = try? rankedUnits(p) else { return .object(["units": .array([])]) }
    return .object([
      "predicate": .string(p.meaning),
      "units": .array(
        ranked.prefix(top).map { .object(["label": .string($0.label), "r": .number($0.r)]) }),
    ])
  }
}
