import Foundation

/// A task with its sizes: what the model reads, what it predicts, and how it is scored.
public struct SequenceTask: Sendable {
  public let kind: TaskKind
  /// Steps per sequence (for copy: the number of symbols to copy).
  public let length: Int
  /// echo: how many steps back to repeat; copy: blanks between the symbols and the recall cue.
  public let delay: Int
  /// Symbols (echo, copy).
  public let alphabet: Int
  /// flipflop: input and output channels (default 3).
  public let bits: Int
  /// flipflop: the chance of a pulse per step per channel.
  public static let flipFlopPulseProbability = 0.05
  /// integrator: the chance of a pulse per step, and the range of its size.
  public static let integratorPulseProbability = 0.1
  public static let integratorPulseSizes = 0.05...0.25
  /// text: the corpus and its characters.
  public let vocabulary: CharVocabulary?
  private let tokens: [Int]

  /// What `init` throws: the setting refused, as a `SettingError` each front end can phrase.
  public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
    public let setting: SettingError
    public init(_ setting: SettingError) { self.setting = setting }
    /// The refusal with the settings named plainly ("length must be …"); each front end phrases
    /// `setting` in its own words.
    public var description: String { setting.description }
  }

  public init(
    kind: TaskKind, length: Int? = nil, delay: Int? = nil, alphabet: Int? = nil,
    bits: Int? = nil, text: String? = nil,
    vocabulary given: CharVocabulary? = nil
  ) throws {
    self.kind = kind
    self.delay = delay ?? (kind == .copy ? 20 : 5)
    self.alphabet = alphabet ?? 8
    self.bits = bits ?? 3
    let defaultLength: Int
    switch kind {
    case .echo: defaultLength = self.delay + 20
    case .adding: defaultLength = 50
    case .copy: defaultLength = 5
    case .parity: defaultLength = 20
    case .sine: defaultLength = 40
    case .text: defaultLength = 25
    case .flipflop: defaultLength = 100
    case .integrator: defaultLength = 100
    }
    self.length = length ?? defaultLength
    func bad(
      _ field: String, _ range: ClosedRange<Int>, _ value: Int,
      _ rule: SettingError.Rule = .bounds
    ) -> Invalid {
      Invalid(SettingError(field: field, range: range, value: value, rule: rule))
    }
    for (field, limit, value) in [
      ("length", Limits.taskLength, self.length), ("delay", Limits.taskDelay, self.delay),
      ("alphabet", Limits.taskAlphabet, self.alphabet), ("bits", Limits.taskBits, self.bits),
    ] {
      if let e = limit.refusal(field, value) { throw Invalid(e) }
    }
    let longest = Limits.taskLength.range.upperBound
    if kind == .echo && self.delay >= self.length {
      throw bad(
        "length", (self.delay + 1)...max(self.delay + 1, longest), self.length,
        .greaterThan(.echo, field: "delay", value: self.delay))
    }
    if kind == .adding && self.length < 2 {
      throw bad("length", 2...longest, self.length, .taskMinimum(.adding))
    }
    if kind == .text {
      // A model's own vocabulary (`given`) reads the text's characters it has and skips the rest.
      let body = text ?? builtinText
      let v = given ?? CharVocabulary(text: body)
      let read = given == nil ? body.count : v.encode(body).count
      guard read > self.length + 1 else {
        throw bad("length", 1...max(1, read - 2), self.length, .textCharacters(read))
      }
      guard v.count >= 2 else {
        throw bad("text", 2...Int.max, v.count, .distinctCharacters)
      }
      vocabulary = v
      tokens = v.encode(body)
    } else {
      vocabulary = nil
      tokens = []
    }
  }

  /// Whether the inputs are tokens (one-hot, or rows of an embedding), not vectors.
  public var readsTokens: Bool { kind.readsTokens }

  public var inputSize: Int {
    switch kind {
    case .echo: return alphabet
    case .adding: return 2
    case .copy: return alphabet + 2
    case .parity: return 2
    case .sine: return 1
    case .text: return vocabulary!.count
    case .flipflop: return bits
    case .integrator: return 1
    }
  }

  public var outputSize: Int {
    switch kind {
    case .echo: return alphabet
    case .adding, .sine, .integrator: return 1
    case .copy: return alphabet + 2
    case .parity: return 2
    case .text: return vocabulary!.count
    case .flipflop: return bits
    }
  }

  public var loss: LossKind {
    kind.readsTokens ? .crossEntropy : .mse
  }

  /// Steps in one sequence: `length`, or for copy the symbols, the blanks and the recall (2·length
  /// + delay).
  public var sequenceLength: Int { kind == .copy ? 2 * length + delay : length }

  /// What a model that learned nothing scores, for the reader of a summary.
  public var chance: String {
    switch kind {
    case .echo: return "accuracy \(String(format: "%.3f", 1 / Double(alphabet))) (1/alphabet)"
    case .copy: return "accuracy \(String(format: "%.3f", 1 / Double(alphabet))) (1/alphabet)"
    case .parity: return "accuracy 0.5"
    case .adding: return "mse 0.167 (always answering 1)"
    case .sine: return "mse ≈ 0.5·E[Δ²] of repeating the input"
    case .text: return "accuracy 1/vocabulary"
    case .flipflop: return "mse ≤ ½·bits (always answering 0)"
    case .integrator: return "mse ½·E[y²] (always answering 0)"
    }
  }

  /// One sequence drawn from `g`.
  public func example(_ g: inout SeededGenerator) -> Example {
    func token(_ n: Int) -> Int { Int(g.next() % UInt64(n)) }
    switch kind {
    case .echo:
      // x_t uniform over the alphabet; y_t = x_{t−d} for t ≥ d
      let xs = (0..<length).map { _ in token(alphabet) }
      return Example(
        inputs: xs.map { .token($0) },
        targets: (0..<length).map { $0 >= delay ? .index(xs[$0 - delay]) : nil })
    case .adding:
      // Hochreiter & Schmidhuber 1997: values u_t ∈ [0, 1], two marked (one in each half); y_T =
      // u_i + u_j
      let u = (0..<length).map { _ in g.nextUnit() }
      let half = max(1, length / 2)
      let i = token(half)
      let j = half + token(max(1, length - half))
      let inputs: [StepInput] = (0..<length).map { .vector([u[$0], $0 == i || $0 == j ? 1 : 0]) }
      var targets = [Target?](repeating: nil, count: length)
      targets[length - 1] = .vector([u[i] + u[j]])
      return Example(inputs: inputs, targets: targets)
    case .copy:
      // Symbols 1…K, `delay` blanks (0), the cue K+1, then recall: y = the symbols over the last
      // `length` steps
      let s = (0..<length).map { _ in 1 + token(alphabet) }
      let total = 2 * length + delay
      var inputs: [StepInput] = s.map { .token($0) }
      inputs += [StepInput](repeating: .token(0), count: delay)
      inputs.append(.token(alphabet + 1))
      inputs += [StepInput](repeating: .token(0), count: length - 1)
      var targets = [Target?](repeating: nil, count: total)
      for k in 0..<length { targets[length + delay + k] = .index(s[k]) }
      return Example(inputs: inputs, targets: targets)
    case .parity:
      // bits b_t; y_t = b_1 ⊕ … ⊕ b_t
      var p = 0
      var inputs: [StepInput] = []
      var targets: [Target?] = []
      for _ in 0..<length {
        let b = token(2)
        p ^= b
        inputs.append(.token(b))
        targets.append(.index(p))
      }
      return Example(inputs: inputs, targets: targets)
    case .sine:
      // x_t = sin(ωt + φ), y_t = x_{t+1}, ω ∈ [0.1, 0.6], φ ∈ [0, 2π)
      let w = g.uniform(0.1, 0.6)
      let phi = g.uniform(0, 2 * Double.pi)
      let x = (0...length).map { sin(w * Double($0) + phi) }
      return Example(
        inputs: (0..<length).map { .vector([x[$0]]) },
        targets: (0..<length).map { .vector([x[$0 + 1]]) })
    case .flipflop:
      // Sussillo & Barak 2013's flip-flop: each of K channels carries a pulse ±1 with
      // probability p per step (sign even), else 0; y_t,k = the sign of channel k's last pulse
      // up to and including step t, 0 before its first (as mattgolub/fixed-point-finder's
      // FlipFlopData).
      let p = SequenceTask.flipFlopPulseProbability
      var held = [Double](repeating: 0, count: bits)
      var inputs: [StepInput] = []
      var targets: [Target?] = []
      for _ in 0..<length {
        var x = [Double](repeating: 0, count: bits)
        for k in 0..<bits where g.nextUnit() < p {
          x[k] = g.next() & 1 == 0 ? 1 : -1
          held[k] = x[k]
        }
        inputs.append(.vector(x))
        targets.append(.vector(held))
      }
      return Example(inputs: inputs, targets: targets)
    case .integrator:
      // The line-attractor task: with probability p a step carries a pulse of size in
      // [0.05, 0.25] and either sign, else 0; y_t = x_1 + … + x_t, the running sum.
      let p = SequenceTask.integratorPulseProbability
      let sizes = SequenceTask.integratorPulseSizes
      var sum = 0.0
      var inputs: [StepInput] = []
      var targets: [Target?] = []
      for _ in 0..<length {
        var x = 0.0
        if g.nextUnit() < p {
          let size = g.uniform(sizes.lowerBound, sizes.upperBound)
          x = g.next() & 1 == 0 ? size : -size
        }
        sum += x
        inputs.append(.vector([x]))
        targets.append(.vector([sum]))
      }
      return Example(inputs: inputs, targets: targets)
    case .text:
      // A window of the text: x_t = c_{s+t}, y_t = c_{s+t+1}
      let start = token(tokens.count - length - 1)
      return Example(
        inputs: (0..<length).map { .token(tokens[start + $0]) },
        targets: (0..<length).map { .index(tokens[start + $0 + 1]) })
    }
  }

  /// Whether an output counts as right: the argmax for classes, |error| < 0.04 for the adding
  /// problem (Hochreiter & Schmidhuber's criterion), < 0.1 for the integrator's running sum (less
  /// than a middling pulse, 0.15); nil where accuracy means nothing (sine).
  public func correct(outputs o: [Double], target: Target) -> Bool? {
    correct(outputs: o[...], target: target)
  }

  /// `correct` on a slice of a longer array (its first output at its start index), as
  /// `Trainer.score` reads a batch's outputs.
  public func correct(outputs o: ArraySlice<Double>, target: Target) -> Bool? {
    let first = o.startIndex
    switch (kind, target) {
    case (.sine, _): return nil
    case (.flipflop, .vector(let y)):
      // Every channel's sign right (a channel before its first pulse: |o| < 0.5).
      return zip(o, y).allSatisfy { $1 == 0 ? abs($0) < 0.5 : ($0 > 0) == ($1 > 0) }
    case (.adding, .vector(let y)): return abs(o[first] - y[0]) < 0.04
    case (.integrator, .vector(let y)): return abs(o[first] - y[0]) < 0.1
    case (_, .index(let y)): return o.indices.max { o[$0] < o[$1] }.map { $0 - first } == y
    default: return nil
    }
  }
}

/// The built-in public-domain text for character-level modelling (the opening of Lewis Carroll's
/// "Alice's Adventures in Wonderland", 1865).
public let builtinText = """
  Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing to do: \
  once or twice she had peeped into the book her sister was reading, but it had no pictures or conversations \
  in it, "and what is the use of a book," thought Alice "without pictures or conversations?" So she was \
  considering in her own mind (as well as she could, for the hot day made her feel very sleepy and stupid), \
  whether the pleasure of making a daisy-chain would be worth the trouble of getting up and picking the \
  daisies, when suddenly a White Rabbit with pink eyes ran close by her. There was nothing so very remarkable \
  in that; nor did Alice think it so very much out of the way to hear the Rabbit say to itself, "Oh dear! Oh \
  dear! I shall be late!" (when she thought it over afterwards, it occurred to her that she ought to have \
  wondered at this, but at the time it all seemed quite natural); but when the Rabbit actually took a watch \
  out of its waistcoat-pocket, and looked at it, and then hurried on, Alice started to her feet, for it \
  flashed across her mind that she had never before seen a rabbit with either a waistcoat-pocket, or a watch \
  to take out of it, and burning with curiosity, she ran across the field after it, and fortunately was just \
  in time to see it pop down a large rabbit-hole under the hedge. In another moment down went Alice after it, \
  never once considering how in the world she was to get out again. The rabbit-hole went straight on like a \
  tunnel for some way, and then dipped suddenly down, so suddenly that Alice had not a moment to think about \
  stopping herself before she found herself falling down a very deep well.
  """
