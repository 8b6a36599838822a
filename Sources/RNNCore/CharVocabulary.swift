/// The characters of a text, sorted, each with a token index (the one-hot position).
public struct CharVocabulary: Sendable, Equatable {
  public let characters: [Character]
  private let index: [Character: Int]

  public init(text: String) {
    characters = Array(Set(text)).sorted()
    var idx: [Character: Int] = [:]
    for (i, c) in characters.enumerated() { idx[c] = i }
    index = idx
  }

  public var count: Int { characters.count }
  public func token(_ c: Character) -> Int? { index[c] }
  public func character(_ token: Int) -> Character { characters[token] }
  /// The text as token indices (characters missing from the vocabulary are dropped).
  public func encode(_ text: String) -> [Int] { text.compactMap { index[$0] } }
}

/// The built-in demo text: short, public domain, with repeats an RNN can pick up.
public let demoText = "the quick brown fox jumps over the lazy dog. the dog sleeps; the fox runs."
