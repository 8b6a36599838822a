import ArgumentParser
import Foundation
import RNNCore
import RNNFormats
import RNNScopeApp
import RNNViews
import TerminalScreen

struct TUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tui",
    abstract: "Open the full-screen visualizer (the default subcommand).",
    discussion: """
      With no options: a vanilla RNN (hidden 16, tanh) reading a short text one character at a \
      time. Takes the model and task options of `rnnscope train`, e.g. `rnnscope tui --cell lstm \
      --hidden 16 --task echo --delay 5`. Press ? inside for every key.
      """
  )

  @Argument(
    help: "A session file (.rnns) to play as a presentation (Space continues past each pause).")
  var file: String?
  @Option(help: "rnn | lstm | gru") var cell: CellKind = .rnn
  @Option(help: "The RNN cell's activation: tanh, sigmoid or relu.") var activation: Activation =
    .tanh
  @Option(help: "Hidden units (\(Limits.hidden.span)).") var hidden: Int = 16
  @Option(help: "Stacked layers (\(Limits.layers.span)).") var layers: Int = 1
  @Option(
    help: "Look tokens up in an embedding this wide (nn.Embedding) instead of one-hot inputs.")
  var embed: Int?
  @Option(help: "pytorch | xavier | orthogonal | identity") var `init`: InitScheme = .pytorch
  @Option(help: "Scale every W_hh gate block to this spectral radius.") var radius: Double?
  @Option(help: "LSTM forget-gate bias.") var forgetBias: Double?
  @Option(
    help:
      ArgumentHelp(
        "echo | adding | copy | parity | sine | text | flipflop (default: the built-in demo text, "
          + "read whole)"
      )
  )
  var task: TaskKind?
  @Option(help: "Steps per sequence.") var length: Int?
  @Option(help: "echo / copy delay.") var delay: Int?
  @Option(help: "Symbols for echo and copy.") var alphabet: Int?
  @Option(help: "flipflop: channels, each holding the sign of its last ±1 pulse (default 3).")
  var bits: Int?
  @Option(help: "A UTF-8 text file to read (\(Limits.textCharacters.span) characters).") var text:
    String?
  @Option(
    help:
      ArgumentHelp(
        "A model to open (.safetensors, a PyTorch state_dict): a character model's vocabulary "
          + "comes from its __metadata__ \"vocab\"; --text gives the text it reads."
      )
  )
  var weights: String?
  @Option(help: TensorNames.optionHelp, transform: TensorNames.option) var tensors: TensorNames?
  @Option(help: "Optimizer for t (training): sgd | adagrad | rmsprop | adam") var optimizer:
    OptimizerKind = .adam
  @Option(help: "Learning rate for t.") var lr: Double?
  @Option(help: "Gradient clipping for t (0 = off).") var clip: Double = 1
  @Option(help: "Batch size for t.") var batch: Int = 16
  @Option(help: "Seed of the weights and the sequences.") var seed: UInt64 = 1
  @Flag(help: "No colour (also when the NO_COLOR environment variable is set).") var noColor = false
  @Option(
    help: ArgumentHelp(
      "Record the session as it is played into an asciicast v2 file (asciinema play FILE).",
      discussion: """
        Every frame drawn, timed as it happens; a marker at each pause of a narrated session; a \
        resize event when the terminal is resized. Written line by line, so a crash leaves the \
        file valid up to its last event. rnnscope record plays a session headless instead.
        """,
      valueName: "file.cast"))
  var record: String?
  @Flag(help: "With --record: overwrite the file if it exists (else it is refused).") var force =
    false

  func validate() throws {
    if let f = file, !f.hasSuffix(".rnns"), !FileManager.default.fileExists(atPath: f) {
      throw ValidationError(
        "no subcommand or session file named '\(f)' (subcommands: tui, repl, run, train, trace,"
          + " sample, bench, record)"
      )
    }
    // Absurd sizes first, with the figure (input and output taken as the hidden size: the task's
    // real sizes, a text's vocabulary among them, are checked again when the model is built).
    let guess = ModelConfig(
      cell: cell, inputSize: hidden, hiddenSize: hidden, numLayers: layers, outputSize: hidden)
    if let refusal = ResourceEstimate.refusal(
      SessionState.estimatedBytes(guess, steps: 1, batch: 1))
    {
      throw ValidationError(refusal)
    }
    // The visualizer's one table of limits, shared with the `:` line and session files.
    try Limits.hidden.check(option: "hidden", hidden)
    guard seed <= UInt64(Limits.seed.range.upperBound) else {
      throw ValidationError(
        "--seed must be between 0 and \(Limits.seed.range.upperBound) (got \(seed))")
    }
    try Limits.layers.check(option: "layers", layers)
    try Limits.embed.check(option: "embed", embed)
    try Limits.batch.check(option: "batch", batch)
    try Limits.length.check(option: "length", length)
    try Limits.delay.check(option: "delay", delay)
    try Limits.alphabet.check(option: "alphabet", alphabet)
    try Limits.taskBits.check(option: "bits", bits)
    if bits != nil && task != .flipflop {
      throw ValidationError("--bits applies to --task flipflop")
    }
    try Limits.learningRate.check(option: "lr", lr)
    try Limits.clip.check(option: "clip", clip)
    try Limits.radius.check(option: "radius", radius)
    try Limits.forgetBias.check(option: "forget-bias", forgetBias)
  }

  func run() throws {
    var o = ScopeOptions()
    o.cell = cell
    o.activation = activation
    o.hidden = hidden
    o.layers = layers
    o.embed = embed
    o.initialization = Initialization(scheme: self.`init`, forgetBias: forgetBias, radius: radius)
    o.task = task
    o.length = length
    o.delay = delay
    o.alphabet = alphabet
    o.bits = bits
    o.text = try loadText()
    o.optimizer = optimizer
    o.learningRate = lr
    o.clip = clip
    o.batch = batch
    o.seed = seed
    var state = try StartingModel.state(o, prefix: "rnnscope")
    try StartingModel.open(weights, tensors: tensors, on: &state, command: "tui")
    let env = ProcessInfo.processInfo.environment
    // Without a full-screen terminal: the line REPL over the same model (after playing a session
    // file given by name, headless), with a note on stderr saying why.
    var lacking: String? = nil
    if isatty(STDIN_FILENO) != 1 {
      lacking = "stdin is not a terminal"
    } else if isatty(STDOUT_FILENO) != 1 {
      lacking = "stdout is not a terminal"
    } else if let term = env["TERM"], term == "dumb" || term.isEmpty {
      lacking = "TERM is '\(term)', without cursor addressing"
    }
    if let lacking, record != nil {
      printError(
        "rnnscope: --record needs the visualizer, and \(lacking) (rnnscope record FILE.rnns "
          + "OUT.cast records a session without a terminal)")
      throw ExitCode(1)
    }
    if let lacking {
      printError(
        "rnnscope: the visualizer needs a terminal (\(lacking)); reading commands as the line REPL "
          + "instead (help lists them; rnnscope run FILE plays a session headless)")
      if let path = file {
        let script: SessionScript
        do { script = try SessionScript.load(path) } catch let e as SessionScript.Invalid {
          printError("rnnscope: \(e.description)")
          throw ExitCode(1)
        }
        if try !playHeadless(script, file: path, state: &state, output: OutputPrinter(json: false))
        {
          return
        }
      }
      lineREPL(state: &state, json: false)
      return
    }
    // The recording's file before anything starts: an existing one is refused at once.
    var recording: LiveRecording? = nil
    if let path = record {
      if let f = file, isSameFile(path, f) {
        printError("rnnscope: \(path) is the session file; name another for the recording")
        throw ExitCode(1)
      }
      do {
        let cast = try CastFile(path: path, overwrite: force)
        let header = CastRecorder.Header(
          timestamp: Int(Date().timeIntervalSince1970),
          title: file.map(SessionScript.name) ?? "rnnscope",
          command: TUICommand.recordedCommand(CommandLine.arguments),
          env: [("TERM", env["TERM"] ?? ""), ("SHELL", env["SHELL"] ?? "")])
        recording = LiveRecording(file: cast, header: header)
      } catch let e as CastFile.Failure {
        printError("rnnscope: \(e.description)")
        throw ExitCode(1)
      }
    }
    // Ended here too when the session cannot start (a file with no frame is removed).
    defer { recording?.end() }
    // A session file, or — for `rnnscope` with no arguments at all — the first of Sessions/.
    var scriptPath = file
    if scriptPath == nil && CommandLine.arguments.count == 1 { scriptPath = TUICommand.firstDemo() }
    // Driven by the frame loop from here on: long work runs in slices between frames.
    var visualizer = Visualizer(state: state)
    // N, P and L open the demos even when none was named.
    if let folder = TUICommand.sessionsFolder() {
      visualizer.offer(sessions: SessionScript.sessions(in: folder))
    }
    if let path = scriptPath {
      do {
        if let e = visualizer.present(Presentation(script: try SessionScript.load(path))) {
          printError("rnnscope: \(e)")
          visualizer.shutDown()
          throw ExitCode(1)
        }
      } catch let e as SessionScript.Invalid {
        printError("rnnscope: \(e.description)")
        throw ExitCode(1)
      }
    }
    let noColor = self.noColor || !(env["NO_COLOR"] ?? "").isEmpty
    let code = try runInteractive(visualizer, noColor: noColor, recording: recording)
    if code != 0 { throw ExitCode(code) }
  }

  /// The command line a recording says it recorded: `rnnscope` and the arguments but --record's
  /// and --force.
  static func recordedCommand(_ argv: [String]) -> String {
    var out = ["rnnscope"]
    var skip = false
    for a in argv.dropFirst() {
      if skip {
        skip = false
        continue
      }
      if a == "--record" {
        skip = true
        continue
      }
      if a.hasPrefix("--record=") || a == "--force" { continue }
      out.append(a)
    }
    return out.joined(separator: " ")
  }

  /// Sessions/ beside the executable's package (or $RNNSCOPE_SESSIONS, or ./Sessions): its first
  /// demo.
  static func firstDemo() -> String? {
    sessionsFolder().flatMap { SessionScript.sessions(in: $0).first }
  }

  /// The folder of demos: $RNNSCOPE_SESSIONS, Sessions/ beside the executable's package, or
  /// ./Sessions — the first that holds a session file.
  static func sessionsFolder() -> String? {
    var candidates: [URL] = []
    if let env = ProcessInfo.processInfo.environment["RNNSCOPE_SESSIONS"] {
      candidates.append(URL(fileURLWithPath: env))
    }
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<5 {
      candidates.append(dir.appendingPathComponent("Sessions"))
      dir = dir.deletingLastPathComponent()
    }
    candidates.append(
      URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(
        "Sessions"))
    for c in candidates {
      if !SessionScript.sessions(in: c.path).isEmpty { return c.path }
    }
    return nil
  }

  func loadText() throws -> String? {
    guard let path = text else { return nil }
    return try readTextFile(path, command: "rnnscope", characters: Limits.textCharacters.range)
  }
}
