import Foundation
import RNNCore
import RNNViews

/// Headless training, text, sampling, the `show` reports, weights and whole sessions.
extension ScopeState {
    /// Trains `steps` steps on this thread (the REPL and `rnnscope run`); returns a summary.
    public mutating func trainSynchronously(steps: Int) -> String {
        stopTraining()
        var trainer = Trainer(task: task, config: trainConfig(), model: model)
        var stats: [StepStats] = []
        var fault: String? = nil
        for _ in 0..<steps {
            do { stats.append(try trainer.trainStep()) } catch { fault = "\(error)"; break }
        }
        absorb(stats, trainer.model, fault)
        guard let first = stats.first, let last = stats.last else { return "training stopped at once: \(fault ?? "no steps")" }
        var out = "trained \(stats.count) steps (\(trainedSteps) in all): loss \(NumberFormat.short(first.loss)) → \(NumberFormat.short(last.loss))"
        if let a = last.accuracy { out += ", accuracy \(NumberFormat.short(a, digits: 2))" }
        out += ", ‖∇‖ \(NumberFormat.scientific(last.gradNorm))"
        if let f = fault { out += "\nstopped: \(f)" }
        return out
    }

    /// Reads `text` as the sequence (character-level, like the demo); the model is rebuilt for its characters.
    public mutating func useText(_ text: String) throws {
        var o = options
        o.task = nil
        o.text = text
        o.length = nil
        try rebuild(options: o)
    }

    /// Samples from the model when the task is character-level.
    public func sample(length: Int, temperature: Double, prime: String, seed: UInt64) -> String? {
        guard let v = task.vocabulary else { return nil }
        return sampleText(model: model, vocabulary: v, prime: prime, length: length, temperature: temperature, seed: seed)
    }

    /// A text report for `show WHAT`.
    public func report(_ what: String) -> String? {
        let top = config.numLayers - 1
        switch what {
        case "model":
            var lines = [model.config.summary, "task \(task.kind.rawValue), \(maxSteps) steps per sequence, loss \(task.loss.rawValue)",
                         "optimizer \(options.optimizer.rawValue), batch \(options.batch), clip \(options.clip), trained \(trainedSteps) steps"]
            for (name, blocks) in Spectral.report(model) {
                lines.append("\(name): " + blocks.enumerated().map { "\(config.cell.gateNames[$0.offset]) ρ=\(NumberFormat.short($0.element.radius)) σ_max=\(NumberFormat.short($0.element.sigmaMax))" }.joined(separator: ", "))
            }
            return lines.joined(separator: "\n")
        case "step":
            guard stepsTaken > 0 else { return "no steps taken" }
            let t = cursor
            guard let st = record(t) else { return "step \(t + 1) was forgotten" }
            var lines = ["step \(t + 1) of \(stepsTaken): input \(inputLabel(t)), target \(targetLabel(t) ?? "none")"]
            if let p = predictedToken(t) { lines.append("predicted \(tokenLabel(p)) with p=\(NumberFormat.short(st.probabilities[p]))") }
            else if let o = st.outputs.first { lines.append("output \(NumberFormat.short(o))") }
            if let l = st.loss { lines.append("loss \(NumberFormat.short(l))") }
            return lines.joined(separator: "\n")
        case "h", "hidden":
            guard let st = record(cursor) else { return "no steps taken" }
            return "h_\(cursor + 1) = [" + st.hidden[top].map { NumberFormat.short($0) }.joined(separator: ", ") + "]"
        case "c", "cell":
            guard config.cell == .lstm, let st = record(cursor) else { return config.cell == .lstm ? "no steps taken" : "only an LSTM has a cell state" }
            return "c_\(cursor + 1) = [" + st.cell[top].map { NumberFormat.short($0) }.joined(separator: ", ") + "]"
        case "gates":
            guard config.cell != .rnn, let l = record(cursor)?.layers.last else { return "a vanilla RNN has no gates" }
            let H = config.hiddenSize
            return config.cell.gateNames.enumerated().map { k, name in
                "\(name) = [" + l.gates[(k * H)..<((k + 1) * H)].map { NumberFormat.short($0, digits: 2) }.joined(separator: ", ") + "]"
            }.joined(separator: "\n")
        case "gradients", "grad":
            guard bptt != nil, let norms = gradientNorms(layer: top) else { return "no gradients: run backward first" }
            let values = norms.map { $0.map { NumberFormat.scientific($0) } ?? "·" }
            var out = "\(measure.title), t = \(firstKept + 1)…\(firstKept + values.count): " + values.joined(separator: " ")
            let finite = norms.compactMap { $0 }.filter { $0 > 0 }
            if finite.count >= 2, let first = norms.first ?? nil, let last = norms.last ?? nil, first > 0, last > 0 {
                let rate = pow(first / last, 1 / Double(norms.count - 1))
                out += "\nper step back the gradient is multiplied by about \(NumberFormat.short(rate)) (from t=\(firstKept + norms.count) to t=\(firstKept + 1): \(NumberFormat.scientific(first / last)))"
            }
            return out
        case "loss":
            return "Σ L = \(NumberFormat.short(pass.totalLoss)) over \(pass.steps.filter { $0.loss != nil }.count) targets"
        case "spectrum":
            let w = Spectral.block(model.parameters.layers[0].weightHH, gate: config.cell == .rnn ? 0 : 2, hidden: config.hiddenSize)
            let f = Spectral.figures(w)
            let eig = (Spectral.eigenvalues(w) ?? []).sorted { $0.magnitude > $1.magnitude }.prefix(6)
            return "ρ = \(NumberFormat.short(f.radius)), σ_max = \(NumberFormat.short(f.sigmaMax)); largest eigenvalues: "
                + eig.map { "\(NumberFormat.short($0.re))\($0.im >= 0 ? "+" : "-")\(NumberFormat.short(abs($0.im)))i" }.joined(separator: ", ")
        case "sequence":
            let xs = (0..<maxSteps).map { inputLabel($0) }.joined(separator: " ")
            let ys = (0..<maxSteps).map { targetLabel($0) ?? "·" }.joined(separator: " ")
            return "inputs:  \(xs)\ntargets: \(ys)"
        case "training":
            guard !history.isEmpty else { return "not trained yet" }
            return "step \(trainedSteps): loss \(NumberFormat.short(history.loss.last!)), ‖∇‖ \(NumberFormat.scientific(history.gradNorm.last!))"
                + ((history.accuracy.last ?? nil).map { ", accuracy \(NumberFormat.short($0, digits: 2))" } ?? "")
        default: return nil
        }
    }

    public static let reports = ["model", "step", "h", "c", "gates", "gradients", "loss", "spectrum", "sequence", "training"]

    // MARK: - Weights and sessions

    public func saveWeights(to path: String) throws {
        var meta = ["task": task.kind.rawValue]
        if let v = task.vocabulary, let d = try? JSONSerialization.data(withJSONObject: v.characters.map { String($0) }) {
            meta["vocab"] = String(decoding: d, as: UTF8.self)
        }
        try ModelWeights.save(model, to: path, dtype: .f64, extraMetadata: meta)
    }

    /// Loads weights that fit the current task (input and output sizes); the steps are replayed.
    public mutating func loadWeights(from path: String) throws {
        let m = try ModelWeights.load(path: path)
        guard m.config.tokenCount == task.inputSize, m.config.outputSize == task.outputSize else {
            throw WeightsError(file: path, tensor: nil, problem: "the model reads \(m.config.inputSize) and predicts \(m.config.outputSize); this task needs \(task.inputSize) and \(task.outputSize)")
        }
        stopTraining()
        model = m
        options.cell = m.config.cell; options.hidden = m.config.hiddenSize; options.layers = m.config.numLayers
        options.activation = m.config.activation
        replay()
        moveCursor(to: cursor)
    }
}

/// A saved session: the state as JSON beside the weights as safetensors (NAME.json + NAME.safetensors).
public struct SessionFile: Codable, Sendable, Equatable {
    public var version = 1
    public var cell: String, activation: String, hidden: Int, layers: Int, seed: UInt64
    public var initScheme: String, radius: Double?, forgetBias: Double?
    public var task: String?, length: Int?, delay: Int?, alphabet: Int?, text: String?
    public var optimizer: String, learningRate: Double?, clip: Double, batch: Int
    public var stepsTaken: Int, cursor: Int, measure: String, trainedSteps: Int
    public var example: [[Double]]?          // a task's current sequence: inputs (token as [k]) …
    public var exampleTargets: [[Double]?]?  // … and targets (class as [k])
    public var weights: String
}

extension ScopeState {
    /// Writes NAME.safetensors then NAME.json, each atomically: a failure leaves the previous save intact.
    public func saveSession(to base: String) throws {
        let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : base
        let weightsPath = stem + ".safetensors"
        try saveWeights(to: weightsPath)
        let o = options
        var file = SessionFile(cell: o.cell.rawValue, activation: o.activation.rawValue, hidden: o.hidden, layers: o.layers, seed: o.seed,
                               initScheme: o.initialization.scheme.rawValue, radius: o.initialization.radius,
                               forgetBias: o.initialization.forgetBias, task: o.task?.rawValue, length: o.length, delay: o.delay,
                               alphabet: o.alphabet, text: o.text, optimizer: o.optimizer.rawValue, learningRate: o.learningRate,
                               clip: o.clip, batch: o.batch, stepsTaken: stepsTaken, cursor: cursor, measure: measure.rawValue,
                               trainedSteps: trainedSteps, example: nil, exampleTargets: nil,
                               weights: URL(fileURLWithPath: weightsPath).lastPathComponent)
        if o.task != nil {
            file.example = example.inputs.map { if case .token(let k) = $0 { return [Double(k)] } else if case .vector(let v) = $0 { return v } else { return [] } }
            file.exampleTargets = example.targets.map { t in
                switch t { case .index(let k)?: return [Double(k)]; case .vector(let v)?: return v; case nil: return nil }
            }
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try writeAtomically(try enc.encode(file), to: stem + ".json")
    }

    /// Loads NAME.json and its weights; nothing changes unless both load.
    public static func loadSession(from base: String) throws -> ScopeState {
        let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : base
        let path = stem + ".json"
        guard let data = FileManager.default.contents(atPath: path) else { throw SessionError(path: path, problem: "no such file") }
        let f: SessionFile
        do { f = try JSONDecoder().decode(SessionFile.self, from: data) } catch {
            throw SessionError(path: path, problem: "not a session file (\(error.localizedDescription))")
        }
        func pick<T: RawRepresentable>(_ v: String, _ all: [T], _ what: String) throws -> T where T.RawValue == String {
            guard let x = all.first(where: { $0.rawValue == v }) else { throw SessionError(path: path, problem: "unknown \(what) \(v)") }
            return x
        }
        var o = ScopeOptions()
        o.cell = try pick(f.cell, CellKind.allCases, "cell")
        o.activation = try pick(f.activation, Activation.allCases, "activation")
        o.hidden = f.hidden; o.layers = f.layers; o.seed = f.seed
        o.initialization = Initialization(scheme: try pick(f.initScheme, InitScheme.allCases, "init"), forgetBias: f.forgetBias, radius: f.radius)
        o.task = try f.task.map { try pick($0, TaskKind.allCases, "task") }
        o.length = f.length; o.delay = f.delay; o.alphabet = f.alphabet; o.text = f.text
        o.optimizer = try pick(f.optimizer, OptimizerKind.allCases, "optimizer")
        o.learningRate = f.learningRate; o.clip = f.clip; o.batch = f.batch
        guard (1...512).contains(o.hidden), (1...4).contains(o.layers) else { throw SessionError(path: path, problem: "sizes out of range") }
        var s: ScopeState
        do { s = try ScopeState(options: o) } catch { throw SessionError(path: path, problem: "\(error)") }
        if let xs = f.example, let ys = f.exampleTargets, xs.count == ys.count, !xs.isEmpty {
            let tokens = s.task.kind != .adding && s.task.kind != .sine
            s.example = Example(inputs: xs.map { tokens ? .token(Int($0.first ?? 0)) : .vector($0) },
                                targets: ys.map { y in y.map { s.task.loss == .crossEntropy ? .index(Int($0.first ?? 0)) : .vector($0) } })
            guard s.example.inputs.allSatisfy({ if case .token(let k) = $0 { return k >= 0 && k < s.task.inputSize } else { return true } }) else {
                throw SessionError(path: path, problem: "the saved sequence does not fit the task")
            }
        }
        let weightsPath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(f.weights).path
        try s.loadWeights(from: weightsPath)
        s.pass = s.newPass()
        for _ in 0..<min(f.stepsTaken, s.maxSteps) { s.stepForward() }
        s.moveCursor(to: f.cursor)
        s.measure = GradientMeasure(rawValue: f.measure) ?? .last
        s.trainedSteps = f.trainedSteps
        s.message = nil
        return s
    }
}

public struct SessionError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let problem: String
    public var description: String { "\(path): \(problem)" }
}
