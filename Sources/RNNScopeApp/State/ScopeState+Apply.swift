import Foundation
import RNNCore
import RNNFormats

/// Carrying out actions: the one place keys and commands change the state.
extension ScopeState {
  /// Carries out `action` and says what it did; in the visualizer the result shows as
  /// `context.echo` says (the status line, the caption).
  @discardableResult
  public mutating func apply(
    _ action: Action, context: CommandContext = CommandContext(headless: false)
  ) -> CommandResult {
    if action.clearsMessage { view.message = nil }
    let result: CommandResult
    do {
      result = try perform(action, context: context)
    } catch let e as CommandError {
      result = .error(e.message)
    } catch let e as SequenceTask.Invalid {
      // The engine's refusal, its settings named as this language spells them: `length=`.
      result = .error(e.setting.phrased { $0 + "=" })
    } catch let e as WeightsError {
      result = .error(e.description)
    } catch let e as SessionError {
      result = .error(e.description)
    } catch {
      result = .error("\(error)")
    }
    // The second model of a split view follows whatever the action did to the first's tape.
    syncSplit()
    echo(result, context.echo)
    // A sample drawn as long work reaches the pane when it is done (`finishWork`).
    if context.echo != .none, let title = action.printsOutput, case .message(let m) = result,
      !m.isEmpty, work == nil
    {
      // What show, sample and help print goes to the output pane, whole; the status line names it.
      view.output = OutputText(title: title, text: m)
      view.message = "\(title): in the output pane ([ ] scroll, o closes)"
    }
    return result
  }

  /// Shows a result where the context says.
  private mutating func echo(_ r: CommandResult, _ e: CommandContext.Echo) {
    func firstLine(_ m: String) -> String { m.split(separator: "\n").first.map(String.init) ?? m }
    switch (e, r) {
    case (.none, _), (.statusLine, .quit), (.presentation, .pause), (.presentation, .quit): break
    case (_, .say(let t)): view.narration = t
    case (.statusLine, .message(let m)): view.message = firstLine(m)
    case (.statusLine, .error(let x)): view.message = "error: " + x
    case (.statusLine, .pause): view.message = "pause has meaning only in a session file"
    case (.presentation, .message(let m)): if !m.isEmpty { view.message = firstLine(m) }
    case (.presentation(let location), .error(let x)): view.message = "error: \(location): \(x)"
    }
  }

  /// What a presentation's action meets where no presentation plays.
  static let noPresentation = "no presentation is playing (rnnscope tui FILE.rnns plays one)"

  /// This state replaced by `other` (a loaded session, a presentation's stop): no thread of the
  /// old one outlives it, and the command line keeps its history.
  private mutating func replace(with other: ScopeState) {
    shutDown()
    let line = view.commandLine
    self = other
    view.commandLine = line
  }

  private mutating func perform(_ a: Action, context: CommandContext) throws -> CommandResult {
    switch a {
    case .step(let n):
      let before = stepsTaken
      stepForward(to: before + n, label: "stepping")
      // Asked past the end: one step more says that the sequence has ended.
      if work == nil && before + n > maxSteps { stepForward() }
      return .message(message ?? "stepped \(stepsTaken - before): step \(stepsTaken)/\(maxSteps)")
    case .back(let n):
      for _ in 0..<n { stepBack() }
      return .message("back to step \(stepsTaken)")
    case .pad(let n):
      var taken = 0
      for _ in 0..<n where stepPadded() { taken += 1 }
      return .message(
        "\(taken) padded step\(taken == 1 ? "" : "s"): step \(stepsTaken)/\(maxSteps)")
    case .runToEnd: runToEnd()
    case .reset:
      reset()
      return .message("reset to step 0")
    case .nextSequence: newSequence()
    case .cursorRight: cursorRight()
    case .cursorLeft: cursorLeft()
    case .cursorFirst: moveCursor(to: 0)
    case .cursorLast: moveCursor(to: stepsTaken - 1)
    case .cursor(let t):
      moveCursor(to: t)
      return .message("cursor at step \(t + 1)")
    case .backward(let animate, let mode):
      backward(animate: animate, mode: mode)
    case .cycleMeasure: cycleMeasure()
    case .cycleActivation:
      if isSplit {
        view.message =
          "s changes the first model alone: split off (|) first, or split activation=… compares"
        return .message(view.message!)
      }
      cycleActivation()
    case .axis(let change, let panel): return try setAxis(change, panel: panel)
    case .pin(let label, let panel): return try pin(label: label, panel: panel)
    case .unpin(let panel): return unpin(panel: panel)
    case .split(let change): return try openSplit(change)
    case .splitOff: return closeSplit()
    case .toggleSplit:
      // A key: what it did, or why not, goes to the status line itself.
      do {
        if case .message(let m) = try toggleSplit() { view.message = m }
      } catch let e as CommandError {
        view.message = "error: " + e.message
      }
    case .toggleTraining:
      if isTraining {
        stopTraining()
      } else {
        if isSplit {
          view.message = ScopeState.splitTrains
          return .message(view.message!)
        }
        startTraining()
      }
    case .train(let n):
      if isSplit { return .error(ScopeState.splitTrains) }
      if context.headless { return .message(trainSynchronously(steps: n ?? 100)) }
      if isTraining { return .message("already training (train stop stops)") }
      startTraining(steps: n)
      return .message(
        "training" + (n.map { " for \($0) steps" } ?? " until stopped (t or train stop)"))
    case .stopTraining:
      guard isTraining else { return .message("not training") }
      stopTraining()
    case .model(let m):
      var o = options
      m.apply(to: &o)
      try rebuild(options: o)
      return .message("model: \(model.config.summary)" + resplit())
    case .task(let t):
      var o = options
      o.task = t.kind
      if t.kind == .text { o.text = nil }
      o.length = t.length
      o.delay = t.delay
      o.alphabet = t.alphabet
      o.bits = t.bits
      try rebuild(options: o)
      return .message(
        "task \(task.kind.rawValue): \(maxSteps) steps per sequence; new model "
          + "\(model.config.summary)"
          + resplit())
    case .initialize(let i):
      var o = options
      o.initialization = i
      try rebuild(options: o)
      return .message(
        "initialised: \(i.scheme.rawValue)" + (i.radius.map { ", spectral radius \($0)" } ?? "")
          + resplit())
    case .text(let t):
      try useText(t)
      return .message(
        "reading \(t.count) characters; new model \(model.config.summary)" + resplit())
    case .set(let st):
      if let v = st.speed { setSpeed(index: v - 1) }
      if let v = st.focus { view.focus = v }
      if let v = st.zoom { view.zoomed = v }
      if let m = st.measure {
        if m.isCellState && config.cell != .lstm {
          return .error("measure \(m.rawValue) needs an LSTM")
        }
        view.measure = m
      }
      if let v = st.palette { view.palette = v }
      if let v = st.colorRange {
        view.colorRange = v
        view.heldColors = nil
      }
      var o = options
      if let v = st.optimizer { o.optimizer = v }
      if let v = st.learningRate { o.learningRate = v }
      if let v = st.clip { o.clip = v }
      if let v = st.batch { o.batch = v }
      setTrainingOptions(o)
      if st.lockColors, case .message(let m) = lockColors() {
        return .message("set " + st.typed + ": " + m)
      }
      return .message("set " + st.typed)
    case .changeSpeed(let d): changeSpeed(by: d)
    case .focusNext: focusNext()
    case .toggleZoom: view.zoomed.toggle()
    case .unzoom: view.zoomed = false
    case .view(let d):
      if d.panel == .units && view.tracedUnits.isEmpty {
        throw CommandError(
          "view units: no units traced yet (unit h 3, or , and . pick one; find ranks them)")
      }
      view.focus = d.panel ?? .heatmap
      view.zoomed = d.zoom
      if let p = d.panel {
        view.brought.removeAll { $0 == p }
        view.brought.insert(p, at: 0)
      } else {
        view.brought = []
      }
      if let k = d.section { view.heatmapUnit = k * config.hiddenSize }
      if let pcs = d.components {
        guard pcs.allSatisfy({ $0 < config.hiddenSize }) else {
          throw CommandError(
            "view trajectory: this model's states have \(config.hiddenSize) components "
              + "(PC1…PC\(config.hiddenSize))")
        }
        view.trajectoryComponents = pcs
      }
      return .message(
        d.panel.map { "view: the \($0.rawValue) panel" + (d.zoom ? ", zoomed" : "") }
          ?? "view: every panel")
    case .scrollHeatmap(let n):
      let total = HeatmapSections.names(config).count * config.hiddenSize
      view.heatmapUnit = max(0, min(total - 1, view.heatmapUnit + n))
    case .scrollOutput(let n):
      guard view.output != nil else { return .message("no output to scroll (show, sample, help)") }
      view.output!.scroll(by: n)
    case .toggleOutput:
      if let o = view.output {
        view.closedOutput = o
        view.output = nil
      } else if let o = view.closedOutput {
        view.output = o
      } else {
        return .message("no output yet: show, sample and help print into the output pane")
      }
    case .show(let r): return .message(report(r))
    case .findUnits(let p, let top): return .message(try findUnits(p, top: top))
    case .traceUnits(let labels): return .message(try traceUnits(labels))
    case .pickUnit(let d): return .message(pickUnit(by: d))
    case .keepUnit: return .message(keepUnit())
    case .fixedPoints(.selectNext(let d)):
      // A key: what it did, or why not, goes to the status line itself.
      do {
        view.message = try changeFixedPoints(.selectNext(by: d))
      } catch let e as CommandError {
        view.message = "error: " + e.message
      }
      return .message(view.message!)
    case .fixedPoints(let c): return .message(try changeFixedPoints(c))
    case .sample(let n, let temperature, let prime):
      let seed = options.seed &+ UInt64(trainedSteps)
      guard
        let text = startSample(length: n, temperature: temperature, prime: prime, seed: seed)
      else {
        return .error("sample needs a text model (text … or task text)")
      }
      return .message(work != nil ? message ?? "" : text)
    case .export(let r): return try export(r, directory: context.directory)
    case .save(.weights, let path):
      try saveWeights(to: path)
      return .message("saved the weights to \(path)")
    case .save(.session, let path):
      try saveSession(to: path)
      return .message("saved the session to \(path)")
    case .load(.weights, let path, let names):
      let opened = try loadWeights(from: path, names: names)
      return .message(
        "loaded \(model.config.summary) from \(path)" + (opened?.note ?? "") + resplit())
    case .load(.session, let path, _):
      replace(with: try ScopeState.loadSession(from: path, interactive: interactive))
      if work != nil { return .message(message ?? "") }
      return .message("loaded the session: \(model.config.summary), step \(stepsTaken)")
    case .help(let name): return .message(CommandLanguage.help(name))
    case .say(let t):
      // Headless, the line is printed now with the values as they are; the caption quotes them
      // live (ScopeFrame).
      return .say(context.headless ? CaptionValues.expand(t, self) : t)
    case .pause: return .pause
    case .none: return .message("")
    case .advancePresentation, .previousPause, .restartPresentation, .goToPause,
      .leavePresentation, .nextSession, .previousSession, .openSession, .showSessions,
      .moveSessionSelection, .openSessionSelected, .closeSessions:
      // The visualizer's presentation carries these out; anywhere else there is none.
      return .message(ScopeState.noPresentation)
    case .restore(let snapshot):
      replace(with: snapshot.state)
      if snapshot.trains && interactive { startTraining() }
    case .caption(let text): view.narration = text
    case .showHelp:
      view.showHelp = true
      view.helpPage = 0
    case .turnHelpPage(let d): view.helpPage = max(0, min(9, view.helpPage + d))
    case .closeHelp: view.showHelp = false
    case .skipAnimation: view.animation = nil
    case .stopWork: stopWork()
    case .showProgress: if let w = work { view.message = w.progress(self) }
    case .openCommandLine: view.commandLine.open()
    case .editCommandLine(let k): view.commandLine.edit(k)
    case .completeCommandLine: view.commandLine.complete(with: CommandLanguage.completions)
    case .closeCommandLine: view.commandLine.close()
    case .acceptCommandLine: _ = view.commandLine.submit()
    case .submitCommandLine:
      let line = view.commandLine.submit()
      if line.trimmingCharacters(in: .whitespaces).isEmpty { return .message("") }
      var c = context
      c.echo = .statusLine
      return CommandLanguage.execute(line, on: &self, context: c)
    case .notice(let text): view.message = text
    case .refused(let why): return .error(why)
    case .quit:
      shutDown()
      return .quit
    }
    return .message(message ?? "")
  }
}

extension Action {
  /// The output pane's title for an action whose result is text to read (show, sample, help).
  var printsOutput: String? {
    switch self {
    case .show(let r): return "show \(r.rawValue)"
    case .sample: return "sample"
    case .fixedPoints(.find): return "fixed"
    case .help(let name): return "help" + (name.map { " " + $0 } ?? "")
    case .findUnits(let p, _): return "find \(p.rawValue)"
    default: return nil
    }
  }

  /// Whether the status line's message goes before the action is carried out (the action may set
  /// a new one). Editing the command line, long work's keys and a click keep it.
  var clearsMessage: Bool {
    switch self {
    case .none, .showProgress, .stopWork, .cursor, .editCommandLine, .completeCommandLine,
      .closeCommandLine, .submitCommandLine, .acceptCommandLine, .notice:
      return false
    default: return true
    }
  }
}
