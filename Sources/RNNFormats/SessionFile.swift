import Foundation
import RNNCore

/// A saved session: the state as JSON (NAME.json) beside its weights as safetensors, in a file
/// whose name is that save's own (NAME.<16 hex digits>.safetensors). The JSON names that file and
/// its checksum, so it is written last: renaming it into place is the moment a save happens, and a
/// load never pairs a JSON with another save's weights.
///
/// A session file is untrusted input (sessions are shared like the demos): every field is checked
/// against `Limits`, the table the command language uses, before any of it is used.
public struct SessionFile: Codable, Sendable, Equatable {
  public var version = 1
  public var cell: String
  public var activation: String
  public var hidden: Int
  public var layers: Int
  public var seed: UInt64
  public var initScheme: String
  public var radius: Double?
  public var forgetBias: Double?
  public var task: String?
  public var length: Int?
  public var delay: Int?
  public var alphabet: Int?
  /// flipflop: its channels; absent in sessions saved before it could be set (3).
  public var bits: Int?
  public var text: String?
  public var optimizer: String
  public var learningRate: Double?
  public var clip: Double
  public var batch: Int
  public var stepsTaken: Int
  public var cursor: Int
  public var measure: String
  public var trainedSteps: Int
  public var example: [[Double]]?  // a task's current sequence: inputs (token as [k]) …
  public var exampleTargets: [[Double]?]?  // … and targets (class as [k])
  public var weights: String
  /// FNV-1a (64 bits, hex) of the weights file's bytes; absent in sessions saved before it existed.
  public var weightsChecksum: String?
  /// The view settings (palette, colour range, held axes, pins); absent in sessions saved before
  /// they were kept.
  public var view: SessionView?

  /// A session as `saveSession` records it (the synthesized initializer, made visible to the app).
  package init(
    version: Int = 1, cell: String, activation: String, hidden: Int, layers: Int, seed: UInt64,
    initScheme: String, radius: Double? = nil, forgetBias: Double? = nil, task: String? = nil,
    length: Int? = nil, delay: Int? = nil, alphabet: Int? = nil, bits: Int? = nil,
    text: String? = nil,
    optimizer: String, learningRate: Double? = nil, clip: Double, batch: Int, stepsTaken: Int,
    cursor: Int, measure: String, trainedSteps: Int, example: [[Double]]? = nil,
    exampleTargets: [[Double]?]? = nil, weights: String, weightsChecksum: String? = nil,
    view: SessionView? = nil
  ) {
    self.version = version
    self.cell = cell
    self.activation = activation
    self.hidden = hidden
    self.layers = layers
    self.seed = seed
    self.initScheme = initScheme
    self.radius = radius
    self.forgetBias = forgetBias
    self.task = task
    self.length = length
    self.delay = delay
    self.alphabet = alphabet
    self.bits = bits
    self.text = text
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.clip = clip
    self.batch = batch
    self.stepsTaken = stepsTaken
    self.cursor = cursor
    self.measure = measure
    self.trainedSteps = trainedSteps
    self.example = example
    self.exampleTargets = exampleTargets
    self.weights = weights
    self.weightsChecksum = weightsChecksum
    self.view = view
  }

  /// Largest session JSON read (checked before reading): a saved sequence of the longest task and
  /// the longest text take well under 1 MB.
  public static let maxBytes = 8_000_000

  /// Why a session file was refused: the file, and the field when there is one.
  package static func refusal(_ path: String, _ field: String?, _ problem: String) -> SessionError {
    SessionError(path: path, problem: (field.map { "field \"\($0)\" " } ?? "") + problem)
  }

  /// Parses the JSON, naming the field a decoding error is about.
  package static func decode(_ data: Data, path: String) throws -> SessionFile {
    do {
      return try JSONDecoder().decode(SessionFile.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      // A nested field by its whole path: "view.lossPin.loss".
      let outer = fieldName(context)
      throw refusal(path, (outer.isEmpty ? "" : outer + ".") + key.stringValue, "is missing")
    } catch let DecodingError.typeMismatch(_, context) {
      throw refusal(path, fieldName(context), "has the wrong type (\(context.debugDescription))")
    } catch let DecodingError.valueNotFound(_, context) {
      throw refusal(path, fieldName(context), "is null")
    } catch let DecodingError.dataCorrupted(context) {
      if context.codingPath.isEmpty, let (field, value) = wholeNumberOutOfRange(data) {
        throw refusal(path, field, "is \(value); allowed: a whole number")
      }
      let field = context.codingPath.isEmpty ? nil : fieldName(context)
      throw refusal(path, field, "is not readable (\(context.debugDescription))")
    } catch {
      throw refusal(path, nil, "is not a session file (\(error.localizedDescription))")
    }
  }

  /// JSONDecoder calls a number no Int holds (1e300, 1.5) invalid JSON without naming it: find it.
  private static func wholeNumberOutOfRange(_ data: Data) -> (String, Any)? {
    guard let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
      return nil
    }
    let wholeFields = [
      "version", "hidden", "layers", "seed", "length", "delay", "alphabet", "bits", "batch",
      "stepsTaken", "cursor", "trainedSteps",
    ]
    for f in wholeFields {
      guard let n = obj[f] as? NSNumber else { continue }
      let d = n.doubleValue
      if d != d.rounded() || abs(d) >= 9.2e18 { return (f, n) }
    }
    return nil
  }

  /// "example[3]", "view.gradientPin.norms[2]": an entry by its index, a field by its name.
  private static func fieldName(_ c: DecodingError.Context) -> String {
    c.codingPath.reduce("") { name, key in
      if let i = key.intValue { return name + "[\(i)]" }
      return name.isEmpty ? key.stringValue : name + "." + key.stringValue
    }
  }

  /// The saved sequence of a task, checked value by value against the task's sizes (nil: none).
  package func savedExample(for task: SequenceTask, path: String) throws -> Example? {
    guard example != nil || exampleTargets != nil else { return nil }
    guard let xs = example, let ys = exampleTargets else {
      throw SessionFile.refusal(
        path, example == nil ? "example" : "exampleTargets",
        "is missing (a saved sequence needs both example and exampleTargets)")
    }
    guard xs.count == task.sequenceLength, ys.count == xs.count else {
      throw SessionFile.refusal(
        path, "example",
        "has \(xs.count) inputs and \(ys.count) targets; "
          + "task \(task.kind.rawValue) with these options has \(task.sequenceLength) steps")
    }
    let tokens = task.readsTokens
    // A class or token: one whole number in 0..<n (checked before it is made an Int: 1e300 isn't).
    func index(_ v: [Double], _ n: Int, _ field: String) throws -> Int {
      guard v.count == 1, let k = v.first, k == k.rounded(), k >= 0, k < Double(n) else {
        throw SessionFile.refusal(
          path, field, "is \(v); allowed: one whole number from 0 to \(n - 1)")
      }
      return Int(k)
    }
    func vector(_ v: [Double], _ n: Int, _ field: String) throws -> [Double] {
      guard v.count == n, v.allSatisfy({ $0.isFinite && abs($0) <= 1e6 }) else {
        throw SessionFile.refusal(
          path, field, "has \(v.count) values; allowed: \(n) finite values within ±1e6")
      }
      return v
    }
    var inputs: [StepInput] = []
    for (t, x) in xs.enumerated() {
      let field = "example[\(t)]"
      inputs.append(
        tokens
          ? .token(try index(x, task.inputSize, field))
          : .vector(try vector(x, task.inputSize, field)))
    }
    var targets: [Target?] = []
    for (t, y) in ys.enumerated() {
      guard let y else {
        targets.append(nil)
        continue
      }
      let field = "exampleTargets[\(t)]"
      targets.append(
        task.loss == .crossEntropy
          ? .index(try index(y, task.outputSize, field))
          : .vector(try vector(y, task.outputSize, field)))
    }
    return Example(inputs: inputs, targets: targets)
  }

  /// The weights file the JSON names, beside it: a plain file name, never a path elsewhere.
  package func weightsPath(besides path: String) throws -> String {
    let bad =
      weights.isEmpty || weights.contains("/") || weights == "." || weights == ".."
      || weights.utf8.count > 255
      || weights.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    guard !bad else {
      throw SessionFile.refusal(
        path, "weights", "is \"\(visible(weights))\"; allowed: a file name in the session's folder")
    }
    return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(weights)
      .path
  }

  /// FNV-1a of the bytes, 64 bits in 16 hex digits: tells one save's weights from another's.
  package static func checksum(_ data: Data) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in data {
      h ^= UInt64(b)
      h = h &* 0x0000_0100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
