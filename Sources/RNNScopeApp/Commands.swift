import Foundation
import RNNCore
import RNNFormats

/// What a command did.
public enum CommandResult: Equatable, Sendable {
  case message(String)
  case error(String)
  /// Narration for the caption (TUI) or the output (headless).
  case say(String)
  /// A presentation stops here until Space.
  case pause
  case quit
}

/// Where a command runs: the TUI (training in the background) or headless (the REPL and `rnnscope run`,
/// training on the spot); relative file names are taken from `directory`.
public struct CommandContext: Sendable {
  public var headless: Bool
  public var directory: String
  public init(headless: Bool, directory: String = FileManager.default.currentDirectoryPath) {
    self.headless = headless
    self.directory = directory
  }
  func path(_ p: String) -> String {
    let expanded = (p as NSString).expandingTildeInPath
    return expanded.hasPrefix("/") ? expanded : directory + "/" + expanded
  }
}

/// The command language of the `:` line: one command per line, `name [words] [key=value…]`.
public enum Commands {
  public struct Spec: Sendable {
    public let name: String
    public let usage: String
    public let help: String
    public let options: [String]
  }

  public static let specs: [Spec] = [
    Spec(name: "step", usage: "step [N]", help: "take N forward steps (default 1)", options: []),
    Spec(name: "back", usage: "back [N]", help: "undo the last N steps", options: []),
    Spec(name: "run", usage: "run", help: "step to the end of the sequence", options: []),
    Spec(name: "reset", usage: "reset", help: "back to step 0 of this sequence", options: []),
    Spec(name: "next", usage: "next", help: "a new sequence from the task", options: []),
    Spec(
      name: "backward", usage: "backward [animate] [k1=N k2=N]",
      help: "BPTT over the steps taken (k1, k2: truncated BPTT)",
      options: ["k1", "k2"]),
    Spec(
      name: "pad", usage: "pad [N]",
      help: "take N padded steps (mask 0): the state carries over, no loss", options: []),
    Spec(
      name: "train", usage: "train [N | stop]",
      help: "train in the background (N steps, or until stopped)", options: []),
    Spec(
      name: "model",
      usage:
        "model [cell=rnn|lstm|gru] [hidden=N] [layers=N] [activation=tanh|sigmoid|relu] [seed=N]",
      help: "build a new model", options: ["cell", "hidden", "layers", "activation", "seed"]),
    Spec(
      name: "task",
      usage: "task echo|adding|copy|parity|sine|text [length=N] [delay=N] [alphabet=N]",
      help: "choose the task (text: the demo text)", options: ["length", "delay", "alphabet"]),
    Spec(
      name: "init", usage: "init pytorch|xavier|orthogonal|identity [radius=R] [forget-bias=B]",
      help: "re-initialise the weights", options: ["radius", "forget-bias"]),
    Spec(
      name: "set",
      usage:
        "set [speed=N] [measure=last|total|cell] [focus=PANEL] [zoom=on|off] [optimizer=…] [lr=X] [clip=X] [batch=N]",
      help: "view and training options",
      options: ["speed", "measure", "focus", "zoom", "optimizer", "lr", "clip", "batch"]),
    Spec(
      name: "text", usage: "text WORDS…",
      help: "read this text, character by character (a new model for its characters)", options: []),
    Spec(name: "cursor", usage: "cursor N", help: "move the cursor to step N", options: []),
    Spec(
      name: "show", usage: "show model|step|h|c|gates|gradients|loss|spectrum|sequence|training",
      help: "print values", options: []),
    Spec(
      name: "sample", usage: "sample [N] [temperature=T] [prime=TEXT]",
      help: "sample N characters from a text model",
      options: ["temperature", "prime"]),
    Spec(
      name: "save", usage: "save weights|session FILE",
      help: "save the weights (safetensors) or the whole session (JSON + safetensors)", options: []),
    Spec(
      name: "load", usage: "load weights|session FILE",
      help: "load weights that fit the task, or a whole session", options: []),
    Spec(
      name: "say", usage: "say TEXT…",
      help: "narration: a caption in the visualizer, a line headless", options: []),
    Spec(name: "pause", usage: "pause", help: "a presentation waits here for Space", options: []),
    Spec(
      name: "help", usage: "help [COMMAND]", help: "list the commands, or explain one", options: []),
    Spec(name: "quit", usage: "quit", help: "leave rnnscope", options: []),
  ]

  static let words: [String: [String]] = [
    "task": TaskKind.allCases.map(\.rawValue),
    "init": InitScheme.allCases.map(\.rawValue),
    "help": specs.map(\.name),
    "train": ["stop"],
    "backward": ["animate"],
    "show": ScopeState.reports,
    "save": ["weights", "session"],
    "load": ["weights", "session"],
  ]

  /// Tab completion: command names first, then the command's words and options.
  public static let completions: @Sendable ([String]) -> [String] = { previous in
    guard let first = previous.first else { return specs.map(\.name) }
    guard let spec = specs.first(where: { $0.name == first }) else { return [] }
    return (words[first] ?? []) + spec.options.map { $0 + "=" }
  }

  /// Levenshtein distance, for "did you mean".
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var prev = row[0]
      row[0] = i
      for j in 1...max(b.count, 1) where !b.isEmpty {
        let cur = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
        prev = cur
      }
    }
    return a.isEmpty ? b.count : row[b.count]
  }

  static func suggestion(_ word: String, among: [String]) -> String {
    let best = among.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
    if let (w, d) = best, d <= max(2, word.count / 3) { return " (did you mean \(w)?)" }
    return ""
  }

  /// Runs one line against the state.
  public static func execute(
    _ line: String, on s: inout ScopeState,
    context: CommandContext = CommandContext(headless: false)
  ) -> CommandResult {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty || trimmed.hasPrefix("#") { return .message("") }
    let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard let name = parts.first?.lowercased() else { return .message("") }
    s.message = nil
    // Commands whose argument is the rest of the line, spaces and all.
    let rest = String(trimmed.dropFirst(parts[0].count)).trimmingCharacters(in: .whitespaces)
    switch name {
    case "say": return .say(rest)
    case "text":
      guard rest.count >= 2 else { return .error("text needs at least two characters") }
      guard Limits.textCharacters.contains(rest.count) else {
        return .error("text takes \(Limits.textCharacters.bounds) characters (got \(rest.count))")
      }
      do { try s.useText(rest) } catch { return .error("\(error)") }
      return .message("reading \(rest.count) characters; new model \(s.model.config.summary)")
    case "sample":
      break
    default: break
    }
    guard let spec = specs.first(where: { $0.name == name }) else {
      return .error(
        "unknown command '\(visible(name))'" + suggestion(name, among: specs.map(\.name))
          + " — help lists them")
    }
    var positional: [String] = []
    var opts: [String: String] = [:]
    var words = Array(parts.dropFirst())
    // prime=… takes the rest of the line.
    if name == "sample", let i = words.firstIndex(where: { $0.hasPrefix("prime=") }) {
      opts["prime"] = words[i...].joined(separator: " ").dropFirst(6).description
      words = Array(words[..<i])
    }
    for p in words {
      if let eq = p.firstIndex(of: "=") {
        let k = String(p[..<eq]).lowercased()
        let v = String(p[p.index(after: eq)...])
        guard spec.options.contains(k) else {
          return .error(
            "\(name) has no option '\(k)'" + suggestion(k, among: spec.options)
              + " — usage: \(spec.usage)")
        }
        opts[k] = v
      } else {
        positional.append(p)
      }
    }
    func count(_ i: Int = 0, default d: Int = 1, max m: Int = Limits.count.range.upperBound) throws
      -> Int
    {
      guard i < positional.count else { return d }
      guard let n = Int(positional[i]), n >= 1, n <= m else {
        throw CommandError(
          "\(name): N must be a whole number from 1 to \(m) (got \(positional[i]))")
      }
      return n
    }
    func int(_ k: String, _ limit: Limits.Whole) throws -> Int? {
      guard let v = opts[k] else { return nil }
      guard let n = Int(v), limit.contains(n) else {
        throw CommandError("\(k) must be a whole number \(limit.bounds) (got \(v))")
      }
      return n
    }
    func double(_ k: String, _ limit: Limits.Real) throws -> Double? {
      guard let v = opts[k] else { return nil }
      guard let x = Double(v), limit.contains(x) else {
        throw CommandError("\(k) must be \(limit.rule) (got \(v))")
      }
      return x
    }
    func choice<T: RawRepresentable>(_ v: String, _ all: [T], _ what: String) throws -> T
    where T.RawValue == String {
      guard let x = all.first(where: { $0.rawValue == v.lowercased() }) else {
        throw CommandError(
          "unknown \(what) '\(v)'" + suggestion(v.lowercased(), among: all.map(\.rawValue))
            + " (one of \(all.map(\.rawValue).joined(separator: ", ")))")
      }
      return x
    }
    do {
      switch name {
      case "step":
        let n = try count()
        let before = s.stepsTaken
        s.stepForward(to: before + n, label: "stepping")
        // Asked past the end: one step more says that the sequence has ended.
        if s.work == nil && before + n > s.maxSteps { s.stepForward() }
        return .message(
          s.message ?? "stepped \(s.stepsTaken - before): step \(s.stepsTaken)/\(s.maxSteps)")
      case "back":
        let n = try count()
        for _ in 0..<n { s.stepBack() }
        return .message("back to step \(s.stepsTaken)")
      case "run":
        s.runToEnd()
        return .message(s.message ?? "")
      case "reset":
        s.reset()
        return .message("reset to step 0")
      case "next":
        s.newSequence()
        return .message(s.message ?? "")
      case "pad":
        let n = try count()
        var taken = 0
        for _ in 0..<n where s.stepPadded() { taken += 1 }
        return .message(
          "\(taken) padded step\(taken == 1 ? "" : "s"): step \(s.stepsTaken)/\(s.maxSteps)")
      case "backward":
        var mode = BPTTMode.full
        if opts["k1"] != nil || opts["k2"] != nil {
          guard let k1 = try int("k1", Limits.truncation),
            let k2 = try int("k2", Limits.truncation), k2 >= k1
          else {
            throw CommandError("truncated BPTT needs k1=N and k2=N with 1 ≤ k1 ≤ k2")
          }
          mode = .truncated(k1: k1, k2: k2)
          s.measure = .total
        }
        s.backward(animate: !context.headless && positional.first == "animate", mode: mode)
        return .message(s.message ?? "")
      case "cursor":
        guard s.stepsTaken > 0 else { return .error("no steps taken yet") }
        let n = try count(default: 1, max: s.stepsTaken)
        s.moveCursor(to: n - 1)
        return .message("cursor at step \(n)")
      case "show":
        guard let what = positional.first?.lowercased() else {
          return .error("usage: \(spec.usage)")
        }
        guard let r = s.report(what) else {
          return .error(
            "nothing called '\(what)' to show" + suggestion(what, among: ScopeState.reports)
              + " (one of \(ScopeState.reports.joined(separator: ", ")))")
        }
        return .message(r)
      case "sample":
        let n = try count(default: 100)
        let temp = try double("temperature", Limits.temperature) ?? 1
        let seed = s.options.seed &+ UInt64(s.trainedSteps)
        guard
          let text = s.startSample(
            length: n, temperature: temp, prime: opts["prime"] ?? "", seed: seed)
        else {
          return .error("sample needs a text model (text … or task text)")
        }
        return .message(s.work != nil ? s.message ?? "" : text)
      case "save", "load":
        guard positional.count >= 2, ["weights", "session"].contains(positional[0]) else {
          return .error("usage: \(spec.usage)")
        }
        let file = context.path(positional[1...].joined(separator: " "))
        do {
          switch (name, positional[0]) {
          case ("save", "weights"):
            try s.saveWeights(to: file)
            return .message("saved the weights to \(file)")
          case ("save", _):
            try s.saveSession(to: file)
            return .message("saved the session to \(file)")
          case ("load", "weights"):
            try s.loadWeights(from: file)
            return .message("loaded \(s.model.config.summary) from \(file)")
          default:
            let loaded = try ScopeState.loadSession(from: file, interactive: s.interactive)
            s.stopTraining()
            s = loaded
            if s.work != nil { return .message(s.message ?? "") }
            return .message("loaded the session: \(s.model.config.summary), step \(s.stepsTaken)")
          }
        } catch let e as WeightsError { return .error(e.description) } catch let e as SessionError {
          return .error(e.description)
        }
      case "pause": return .pause
      case "train":
        if positional.first == "stop" {
          guard s.isTraining else { return .message("not training") }
          s.stopTraining()
          return .message(s.message ?? "")
        }
        if context.headless {
          return .message(
            s.trainSynchronously(
              steps: try count(default: 100, max: Limits.trainSteps.range.upperBound)))
        }
        let n = positional.isEmpty ? nil : try count(max: Limits.trainSteps.range.upperBound)
        if s.isTraining { return .message("already training (train stop stops)") }
        s.startTraining(steps: n)
        return .message(
          "training" + (n.map { " for \($0) steps" } ?? " until stopped (t or train stop)"))
      case "model":
        var o = s.options
        if let c = opts["cell"] { o.cell = try choice(c, CellKind.allCases, "cell") }
        if let h = try int("hidden", Limits.hidden) { o.hidden = h }
        if let l = try int("layers", Limits.layers) { o.layers = l }
        if let a = opts["activation"] {
          o.activation = try choice(a, Activation.allCases, "activation")
        }
        if let sd = try int("seed", Limits.seed) { o.seed = UInt64(sd) }
        try s.rebuild(options: o)
        return .message("model: \(s.model.config.summary)")
      case "task":
        var o = s.options
        guard let k = positional.first else { return .error("usage: \(spec.usage)") }
        let kind: TaskKind = try choice(k, TaskKind.allCases, "task")
        o.task = kind
        if kind == .text { o.text = nil }
        o.length = try int("length", Limits.length)
        o.delay = try int("delay", Limits.delay)
        o.alphabet = try int("alphabet", Limits.alphabet)
        do { try s.rebuild(options: o) } catch let e as SequenceTask.Invalid {
          return .error(e.description)
        }
        return .message(
          "task \(s.task.kind.rawValue): \(s.maxSteps) steps per sequence; new model \(s.model.config.summary)"
        )
      case "init":
        var o = s.options
        guard let k = positional.first else { return .error("usage: \(spec.usage)") }
        o.initialization = Initialization(
          scheme: try choice(k, InitScheme.allCases, "initialisation"),
          forgetBias: try double("forget-bias", Limits.forgetBias),
          radius: try double("radius", Limits.radius))
        try s.rebuild(options: o)
        return .message(
          "initialised: \(k)" + (o.initialization.radius.map { ", spectral radius \($0)" } ?? ""))
      case "set":
        guard !opts.isEmpty else { return .error("usage: \(spec.usage)") }
        var o = s.options
        if let v = try int("speed", Limits.speed) { s.setSpeed(index: v - 1) }
        if let f = opts["focus"] { s.focus = try choice(f, PanelID.allCases, "panel") }
        if let z = opts["zoom"] {
          guard ["on", "off"].contains(z) else {
            throw CommandError("zoom must be on or off (got \(z))")
          }
          s.zoomed = z == "on"
        }
        if let m = opts["measure"] {
          let measure: GradientMeasure = try choice(m, GradientMeasure.allCases, "measure")
          if measure == .cell && s.model.config.cell != .lstm {
            return .error("measure cell needs an LSTM")
          }
          s.measure = measure
        }
        if let v = opts["optimizer"] {
          o.optimizer = try choice(v, OptimizerKind.allCases, "optimizer")
        }
        if let v = try double("lr", Limits.learningRate) { o.learningRate = v }
        if let v = try double("clip", Limits.clip) { o.clip = v }
        if let v = try int("batch", Limits.batch) { o.batch = v }
        s.setTrainingOptions(o)
        return .message(
          "set " + opts.keys.sorted().map { "\($0)=\(opts[$0]!)" }.joined(separator: " "))
      case "help":
        if let c = positional.first {
          guard let sp = specs.first(where: { $0.name == c }) else {
            return .error("no command '\(c)'" + suggestion(c, among: specs.map(\.name)))
          }
          return .message("\(sp.usage) — \(sp.help)")
        }
        return .message(
          "commands: " + specs.map(\.name).joined(separator: " ") + " (help NAME explains one)")
      case "quit": return .quit
      default: return .error("unknown command '\(name)'")
      }
    } catch let e as CommandError {
      return .error(e.message)
    } catch {
      return .error("\(error)")
    }
  }
}

struct CommandError: Error {
  let message: String
  init(_ m: String) { message = m }
}
