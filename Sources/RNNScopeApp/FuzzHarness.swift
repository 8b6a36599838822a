import Foundation
import RNNCore

/// What the fuzz targets feed: one input to one reader. Every input must end in a value or an error,
/// never a trap. Commands that would run for long (train, sample) are skipped: they are not parsers.
public enum FuzzHarness {
    public static let targets = ["commands", "safetensors", "session", "spec"]

    static let smallModel = Model(config: ModelConfig(cell: .lstm, inputSize: 3, hiddenSize: 4, numLayers: 2, outputSize: 2, embeddingCount: 5), seed: 1)

    /// Lines worth fuzzing: not the long-running or file-writing commands, no models over 64 units or
    /// 2 layers, no texts over 1,000 bytes (one sequence step per character): their cost is arithmetic, not
    /// parsing, and under AddressSanitizer would drown the fuzzer's time and trip its 1 s limit.
    static func safeForFuzzing(_ line: String) -> Bool {
        let words = line.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first else { return true }
        if ["train", "sample", "save", "load"].contains(String(first)) { return false }
        if first == "text" && line.utf8.count > 1000 { return false }
        for w in words {
            if w.hasPrefix("hidden="), let n = Int(w.dropFirst(7)), n > 64 { return false }
            if w.hasPrefix("layers="), let n = Int(w.dropFirst(7)), n > 2 { return false }
        }
        return true
    }

    /// Runs one input through `target`'s reader. Returns false for an unknown target.
    @discardableResult
    public static func run(_ target: String, _ data: Data) -> Bool {
        switch target {
        case "commands":
            guard var s = try? ScopeState() else { return true }
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n").prefix(50) where safeForFuzzing(String(line)) {
                _ = Commands.execute(String(line), on: &s, context: CommandContext(headless: true, directory: NSTemporaryDirectory()))
            }
        case "safetensors":
            if let c = try? SafeTensors.decode(data, file: "fuzz") { _ = try? ModelWeights.model(from: c, file: "fuzz") }
        case "session":
            guard var s = try? ScopeState() else { return true }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").filter { safeForFuzzing(String($0)) }.prefix(50)
            var p = Presentation(script: SessionScript(file: "fuzz.rnns", text: lines.joined(separator: "\n")))
            var rounds = 0
            while !p.finished && rounds < 60 { _ = p.advance(&s); rounds += 1 }
        case "spec":
            if let spec = try? TraceSpec.parse(data, file: "fuzz", model: smallModel), spec.inputs.count <= 200 {
                _ = TraceReport(model: smallModel, spec: spec)
            }
        default: return false
        }
        return true
    }
}
