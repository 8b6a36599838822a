import Foundation
import RNNCore
import RNNFormats

/// What the fuzz targets feed: one input to one reader. Every input must end in a value or an
/// error, never a trap. Commands that would run for long (train, sample, fixed) are skipped: they
/// are not parsers. `save` and `load` run in a scratch folder of the process's own, with file names
/// confined to it. "sessionfile" feeds the bytes as a saved session's JSON, beside weights files it
/// may name.
public enum FuzzHarness {
  public static let targets = ["commands", "safetensors", "session", "sessionfile", "spec"]

  /// The scratch folder, with weights that saved sessions of three setups name (w-echo, w-copy,
  /// w-adding).
  static let scratch: String = {
    let dir = NSTemporaryDirectory() + "rnnscope-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, lines) in seedSetups {
      guard var s = try? ScopeState() else { continue }
      for l in lines {
        _ = CommandLanguage.execute(
          l, on: &s, context: CommandContext(headless: true, directory: dir))
      }
      try? s.saveWeights(to: dir + "/w-\(name).safetensors")
    }
    return dir
  }()

  /// The setups of the seed sessions (Tests/Fuzz/corpus/sessionfile).
  static let seedSetups: [(String, [String])] = [
    ("echo", ["task echo length=6 delay=2", "model hidden=4", "step 3"]),
    (
      "copy",
      ["task copy length=2 delay=2 alphabet=3", "model cell=gru hidden=3 layers=2", "step 5"]
    ),
    ("adding", ["task adding length=5", "model cell=lstm hidden=3", "step 5", "cursor 2"]),
  ]

  /// A save, load or export line with its file name confined to the scratch folder (no "/", no
  /// leading dots); an export keeps its options but size= (a large picture costs time, not
  /// parsing).
  static func confined(_ line: String) -> String {
    let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard let first = words.first?.lowercased(), ["save", "load", "export"].contains(first),
      words.count >= 3
    else { return line }
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
    let export = first == "export"
    let options = export ? words[2...].filter { $0.contains("=") } : []
    let named = export ? words[2...].filter { !$0.contains("=") } : words[2...]
    let name = String(named.joined().filter { allowed.contains($0) }.drop { $0 == "." }.prefix(40))
    let kept = options.filter { !$0.lowercased().hasPrefix("size=") }
    return (["\(words[0]) \(words[1]) f\(name)"] + kept).joined(separator: " ")
  }

  static let smallModel = Model(
    config: ModelConfig(
      cell: .lstm, inputSize: 3, hiddenSize: 4, numLayers: 2, outputSize: 2, embeddingCount: 5),
    seed: 1)

  /// Lines worth fuzzing: not the long-running or file-writing commands, no models over 64 units or
  /// 2 layers, no texts over 1,000 bytes (one sequence step per character): their cost is
  /// arithmetic, not parsing, and under AddressSanitizer would drown the fuzzer's time and trip its
  /// 1 s limit.
  static func safeForFuzzing(_ line: String) -> Bool {
    let words = line.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard let first = words.first else { return true }
    if ["train", "sample", "fixed"].contains(String(first)) { return false }
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
        _ = CommandLanguage.execute(
          confined(String(line)), on: &s,
          context: CommandContext(headless: true, directory: scratch))
      }
    case "safetensors":
      if let c = try? SafeTensors.decode(data, file: "fuzz") {
        _ = try? ModelWeights.model(from: c, file: "fuzz")
      }
    case "session":
      guard var s = try? ScopeState() else { return true }
      let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").filter {
        safeForFuzzing(String($0))
      }
      .prefix(50).map { confined(String($0)) }
      var p = Presentation(
        script: SessionScript(file: scratch + "/fuzz.rnns", text: lines.joined(separator: "\n")))
      var rounds = 0
      while !p.finished && rounds < 60 {
        _ = p.advance(&s)
        rounds += 1
      }
    case "sessionfile":
      // Large models cost arithmetic, not parsing (as in safeForFuzzing).
      if let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
        (o["hidden"] as? Int ?? 0) > 64 || (o["layers"] as? Int ?? 0) > 2
      {
        return true
      }
      let path = scratch + "/fuzzed.json"
      guard (try? data.write(to: URL(fileURLWithPath: path))) != nil else { return true }
      // A session that loads is used: what it holds must be safe to step, train and save.
      guard var s = try? ScopeState.loadSession(from: path) else { return true }
      for line in ["step 2", "backward", "train 1", "show training", "save session fuzzed-again"] {
        _ = CommandLanguage.execute(
          line, on: &s, context: CommandContext(headless: true, directory: scratch))
      }
    case "spec":
      if let spec = try? TraceSpec.parse(data, file: "fuzz", model: smallModel),
        spec.inputs.count <= 200
      {
        _ = TraceReport(model: smallModel, spec: spec)
      }
    default: return false
    }
    return true
  }
}
