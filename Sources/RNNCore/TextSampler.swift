/// Samples text from a character model: the prime string is read first, then each next character is
/// drawn from softmax(o / temperature).
public func sampleText(
  model: Model, vocabulary: CharVocabulary, prime: String, length: Int, temperature: Double,
  seed: UInt64
) -> String {
  var sampler = TextSampler(
    model: model, vocabulary: vocabulary, prime: prime, temperature: temperature, seed: seed)
  return sampler.next(length)
}

/// `sampleText` a few characters at a time, for work done in slices between frames: `next(a)` then
/// `next(b)` gives the same characters as one `sampleText` of a + b.
public struct TextSampler: Sendable {
  private var generator: SeededGenerator
  private var pass: ForwardPass
  private var last: StepRecord
  private let vocabulary: CharVocabulary
  private let temperature: Double

  public init(
    model: Model, vocabulary: CharVocabulary, prime: String, temperature: Double, seed: UInt64
  ) {
    var g = SeededGenerator(seed: seed)
    var pass = ForwardPass(model: model)
    pass.window = 1  // only the latest step is needed: memory stays flat however long the sample
    var primeTokens = vocabulary.encode(prime)
    if primeTokens.isEmpty { primeTokens = [Int(g.next() % UInt64(vocabulary.count))] }
    var last: StepRecord? = nil
    for t in primeTokens { last = pass.step(.token(t)) }
    self.generator = g
    self.pass = pass
    self.last = last!
    self.vocabulary = vocabulary
    self.temperature = temperature
  }

  /// The next `count` characters.
  public mutating func next(_ count: Int) -> String {
    var out = ""
    for _ in 0..<count {
      let o = last.outputs.map { $0 / max(temperature, 1e-6) }
      let p = SoftmaxCrossEntropy.softmax(o)
      var u = generator.nextUnit()
      var k = 0
      while k < p.count - 1 && u >= p[k] {
        u -= p[k]
        k += 1
      }
      out.append(vocabulary.character(k))
      last = pass.step(.token(k))
    }
    return out
  }
}
