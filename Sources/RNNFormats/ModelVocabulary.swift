import Foundation
import RNNCore

/// A character model's vocabulary as its file records it: `__metadata__` "vocab", a JSON list of
/// one-character strings in token order (`["\n", " ", "!", …]`: token 0 is a newline). `rnnscope
/// train --save` writes it; from PyTorch, `save_file(model.state_dict(), FILE, metadata={"vocab":
/// json.dumps(itos)})` does.
public enum ModelVocabulary {
  public static let key = "vocab"

  /// The vocabulary in the file's order, nil when the file has none; refused when it is not such a
  /// list, repeats a character, or does not match the model's tokens and outputs.
  public static func read(
    _ metadata: [String: String], model: Model, file: String
  ) throws -> CharVocabulary? {
    guard let text = metadata[key] else { return nil }
    func fail(_ problem: String) -> WeightsError {
      WeightsError(file: file, tensor: nil, problem: "__metadata__ \(key) " + problem)
    }
    guard let data = text.data(using: .utf8),
      let list = try? JSONSerialization.jsonObject(with: data) as? [Any],
      let strings = list as? [String]
    else {
      throw fail("is not a JSON list of strings (token order: [\"a\", \"b\", …])")
    }
    if let i = strings.firstIndex(where: { $0.count != 1 }) {
      throw fail("entry \(i) is \"\(visible(strings[i]))\": each entry must be one character")
    }
    let characters = strings.map { $0.first! }
    guard let v = CharVocabulary(ordered: characters) else {
      var seen = Set<Character>()
      let twice = characters.first { !seen.insert($0).inserted }!
      throw fail("lists \"\(visible(String(twice)))\" twice")
    }
    let c = model.config
    guard v.count == c.tokenCount, v.count == c.outputSize else {
      throw fail(
        "has \(v.count) characters but the model reads \(c.tokenCount) tokens and predicts "
          + "\(c.outputSize)")
    }
    return v
  }
}
