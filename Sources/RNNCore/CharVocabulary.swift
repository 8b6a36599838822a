/// Characters, each with a token index (the one-hot position): a text's own, sorted, or a model's
/// in the order its file gives them.
public struct CharVocabulary: Sendable, Equatable {
  public let characters: [Character]
  private let index: [Character: Int]

  /// The characters of `text`, sorted.
  public init(text: String) {
    self.init(unique: Array(Set(text)).sorted())
  }

  /// `characters` in this order (token i is characters[i]); nil when one repeats.
  public init?(ordered characters: [Character]) {
    guard Set(characters).count == characters.count else { return nil }
    self.init(unique: characters)
  }

  private init(unique characters: [Character]) {
    self.characters = characters
    var idx: [Character: Int] = [:]
    for (i, c) in characters.enumerated() { idx[c] = i }
    index = idx
  }

  /// The characters of `text` that have no token, each once, in the order they first appear.
  public func missing(in text: String) -> [Character] {
    var seen = Set<Character>()
    return text.filter { index[$0] == nil && seen.insert($0).inserted }.map { $0 }
  }

  public var count: Int { characters.count }
  public func token(_ c: Character) -> Int? { index[c] }
  public func character(_ token: Int) -> Character { characters[token] }
  /// The text as token indices (characters missing from the vocabulary are dropped).
  public func encode(_ text: String) -> [Int] { text.compactMap { index[$0] } }
}

/// The built-in demo text: short, public domain, with repeats an RNN can pick up.
public let demoText = "the quick brown fox jumps over the lazy dog. the dog sleeps; the fox runs."
