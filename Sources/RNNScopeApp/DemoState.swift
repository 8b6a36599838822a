import RNNCore
import RNNViews

/// The built-in demo: a vanilla RNN reading a text one character at a time (one-hot inputs,
/// next-character targets), stepped and backpropagated by keys. Knows nothing of terminals.
public struct DemoState: Sendable {
    public enum GradientMeasure: Sendable { case lastLoss, wholeLoss }

    public let text: String
    public let vocabulary: CharVocabulary
    public let tokens: [Int]
    public let parameters: ModelParameters
    public private(set) var activation: Activation
    public private(set) var run: ForwardPass
    /// BPTT over the current steps; nil until `b`, and again after the steps change.
    public private(set) var bptt: BPTTResult?
    /// The timestep under the cursor (0-based index into the steps taken).
    public private(set) var cursor: Int = 0
    public var gradientMeasure: GradientMeasure = .lastLoss
    public var showHelp = false
    /// A one-line message for the status bar (cleared by the next key).
    public var message: String?

    public init(text: String = demoText, hiddenSize: Int = 16, activation: Activation = .tanh, seed: UInt64 = 1) {
        precondition(text.count >= 2, "the demo text needs at least two characters")
        self.text = text
        vocabulary = CharVocabulary(text: text)
        tokens = vocabulary.encode(text)
        let config = ModelConfig(cell: .rnn, activation: activation, inputSize: vocabulary.count, hiddenSize: hiddenSize,
                                 outputSize: vocabulary.count)
        parameters = .pytorchDefault(config, seed: seed)
        self.activation = activation
        run = ForwardPass(model: Model(config: config, parameters: parameters))
    }

    public var config: ModelConfig { run.model.config }
    /// Steps taken so far (T).
    public var stepsTaken: Int { run.steps.count }
    /// The most steps the text allows: every character but the last has a next-character target.
    public var maxSteps: Int { tokens.count - 1 }

    public func character(at t: Int) -> Character { vocabulary.character(tokens[t]) }

    /// The target token of step t (the next character).
    public func targetToken(at t: Int) -> Int? {
        if case .index(let y) = run.steps[t].target { return y }
        return nil
    }

    /// Takes one timestep: input = character t, target = character t + 1.
    @discardableResult
    public mutating func stepForward() -> Bool {
        let t = run.steps.count
        guard t < maxSteps else {
            message = "end of the text: all \(maxSteps) steps taken (r resets)"
            return false
        }
        run.step(.token(tokens[t]), target: .index(tokens[t + 1]))
        cursor = t
        if bptt != nil {
            bptt = nil
            message = "steps changed: b backpropagates over all \(stepsTaken)"
        }
        return true
    }

    /// Runs BPTT over the steps taken.
    public mutating func backward() {
        guard stepsTaken > 0 else { message = "no steps yet: step forward first (Space or →)"; return }
        bptt = backpropagate(run)
        message = "BPTT over \(stepsTaken) step\(stepsTaken == 1 ? "" : "s"): total loss \(NumberFormat.short(run.totalLoss))"
    }

    /// Switches tanh ↔ sigmoid (same weights) and replays the steps taken; recomputes BPTT if it was shown.
    public mutating func toggleActivation() {
        let newAct: Activation = activation == .tanh ? .sigmoid : .tanh
        let hadGradients = bptt != nil
        var c = config
        c.activation = newAct
        var replay = ForwardPass(model: Model(config: c, parameters: parameters))
        for s in run.steps { replay.step(s.input, target: s.target) }
        activation = newAct
        run = replay
        bptt = hadGradients && stepsTaken > 0 ? backpropagate(run) : nil
        message = "activation: \(newAct.rawValue) — replayed \(stepsTaken) step\(stepsTaken == 1 ? "" : "s")"
    }

    public mutating func moveCursor(to t: Int) {
        guard stepsTaken > 0 else { cursor = 0; return }
        cursor = min(max(t, 0), stepsTaken - 1)
    }

    public mutating func reset() {
        run = ForwardPass(model: run.model)
        bptt = nil
        cursor = 0
        message = "reset to step 0"
    }

    /// Handles one key press.
    public mutating func handle(_ key: Key) -> KeyOutcome {
        message = nil
        if showHelp {
            switch key {
            case .char("q"): return .quit(exitCode: 0)
            case .ctrlC: return .quit(exitCode: 130)
            case .resize: return .continueRunning
            default: showHelp = false; return .continueRunning
            }
        }
        switch key {
        case .char(" "):
            stepForward()
        case .right, .char("l"):
            if cursor < stepsTaken - 1 { cursor += 1 } else { stepForward() }
        case .left, .char("h"):
            if cursor > 0 { cursor -= 1 } else if stepsTaken == 0 { message = "no steps yet: Space or → steps forward" }
        case .home: moveCursor(to: 0)
        case .end: moveCursor(to: stepsTaken - 1)
        case .char("b"): backward()
        case .char("g"):
            gradientMeasure = gradientMeasure == .lastLoss ? .wholeLoss : .lastLoss
            message = gradientMeasure == .lastLoss
                ? "showing ‖∂L_T/∂h_t‖: the gradient of the last step's loss alone"
                : "showing ‖∂L/∂h_t‖: the gradient of the whole loss Σ L_t"
        case .char("s"): toggleActivation()
        case .char("r"): reset()
        case .char("?"): showHelp = true
        case .char("q"): return .quit(exitCode: 0)
        case .ctrlC: return .quit(exitCode: 130)
        case .resize: break
        case .char(let c):
            message = "unknown key '\(c)' — press ? for the list of keys"
        default:
            message = "press ? for the list of keys"
        }
        return .continueRunning
    }

    /// The gradient norms per step under the current measure, or nil before `b`.
    public var gradientNorms: [Double]? {
        guard let b = bptt else { return nil }
        return gradientMeasure == .lastLoss ? b.lastLossHiddenGradNorms[0] : b.hiddenGradNorms[0]
    }
}
