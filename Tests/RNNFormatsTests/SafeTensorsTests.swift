import Foundation
import Testing

@testable import RNNCore
@testable import RNNFormats

struct SafeTensorsTests {
  static func tmp(_ name: String) -> String {
    let dir = NSTemporaryDirectory() + "rnnscope-st-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir + "/" + name
  }

  /// A file from a header object (serialised as given) and raw data bytes.
  static func raw(header: String, data: [UInt8] = [], lengthOverride: UInt64? = nil) -> Data {
    var out = Data()
    var n = (lengthOverride ?? UInt64(header.utf8.count)).littleEndian
    withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
    out.append(header.data(using: .utf8)!)
    out.append(contentsOf: data)
    return out
  }

  static func f32(_ v: [Float]) -> [UInt8] {
    v.flatMap { f in withUnsafeBytes(of: f.bitPattern.littleEndian) { Array($0) } }
  }

  static let model = Model(
    config: ModelConfig(
      cell: .gru, inputSize: 3, hiddenSize: 4, numLayers: 2, outputSize: 2, embeddingCount: 6),
    seed: 9)

  @Test func roundTripF64IsExactAndF32RoundsToFloat() throws {
    let p64 = Self.tmp("m64.safetensors")
    let p32 = Self.tmp("m32.safetensors")
    try ModelWeights.save(Self.model, to: p64, dtype: .f64)
    try ModelWeights.save(Self.model, to: p32)
    let back64 = try ModelWeights.load(path: p64)
    #expect(back64 == Self.model)
    let back32 = try ModelWeights.load(path: p32)
    #expect(back32.config == Self.model.config)
    for n in Self.model.parameters.names {
      #expect(back32.parameters[n] == Self.model.parameters[n].map { Double(Float($0)) }, "\(n)")
    }
    // The header names the tensors as PyTorch does and carries the cell.
    let contents = try SafeTensors.read(path: p32)
    #expect(contents.metadata["cell"] == "gru")
    #expect(Set(contents.tensors.map(\.name)) == Set(Self.model.parameters.names))
    // Header padded to 8 bytes.
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: p32)))
    var headerLength = 0
    for i in 0..<8 { headerLength |= Int(bytes[i]) << (8 * i) }
    #expect(headerLength % 8 == 0)
  }

  @Test func readsF16AndBF16() throws {
    // F16: 1.0, −2.0, 65504 (max), 2^−24 (smallest subnormal); BF16: 1.0, −5.0
    let f16: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001]
    let bf16: [UInt16] = [0x3F80, 0xC0A0]
    let bytes = (f16 + bf16).flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] }
    let header =
      #"{"a":{"dtype":"F16","shape":[2,2],"data_offsets":[0,8]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[8,12]}}"#
    let c = try SafeTensors.decode(Self.raw(header: header, data: bytes), file: "x")
    let a = c.tensors.first { $0.name == "a" }!
    let b = c.tensors.first { $0.name == "b" }!
    #expect(a.values == [1, -2, 65504, 0x1p-24])
    #expect(a.shape == [2, 2])
    #expect(b.values == [1, -5])
  }

  /// Every malformed file is refused with a message naming the file, the tensor and the problem.
  @Test(arguments: [
    ("short", "too short"),
    ("hugeLength", "bad header length"),
    ("notJSON", "not a JSON object"),
    ("array", "not a JSON object"),
    ("dtype", "tensor w: unsupported dtype I64"),
    ("negativeShape", "tensor w: shape is not a list"),
    ("outside", "tensor w: data_offsets [0, 400] run past the data"),
    ("sizeMismatch", "tensor w: shape [2] of F32 needs 8 bytes but data_offsets give 12"),
    ("overlap", "overlap tensor"),
    ("nan", "tensor w: holds NaN at flat index 1"),
    ("inf", "tensor w: holds Inf at flat index 0"),
    ("metadata", "__metadata__ value"),
  ])
  func malformedFilesAreRefused(_ kind: String, _ message: String) {
    let data: Data
    switch kind {
    case "short": data = Data([1, 2, 3])
    case "hugeLength": data = Self.raw(header: "{}", lengthOverride: 1 << 40)
    case "notJSON": data = Self.raw(header: "{nope")
    case "array": data = Self.raw(header: "[1,2]")
    case "dtype":
      data = Self.raw(
        header: #"{"w":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#,
        data: [UInt8](repeating: 0, count: 8))
    case "negativeShape":
      data = Self.raw(
        header: #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])
    case "outside":
      data = Self.raw(
        header: #"{"w":{"dtype":"F32","shape":[100],"data_offsets":[0,400]}}"#, data: Self.f32([1]))
    case "sizeMismatch":
      data = Self.raw(
        header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,12]}}"#,
        data: Self.f32([1, 2, 3]))
    case "overlap":
      data = Self.raw(
        header:
          #"{"v":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"w":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
        data: Self.f32([1, 2, 3]))
    case "nan":
      data = Self.raw(
        header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#,
        data: Self.f32([1, .nan]))
    case "inf":
      data = Self.raw(
        header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
        data: Self.f32([.infinity]))
    default: data = Self.raw(header: #"{"__metadata__":{"cell":3}}"#)
    }
    do {
      _ = try SafeTensors.decode(data, file: "bad.safetensors")
      Issue.record("\(kind) was accepted")
    } catch let e as WeightsError {
      #expect(e.description.hasPrefix("bad.safetensors: "))
      #expect(e.description.contains(message), "\(kind): \(e.description)")
    } catch { Issue.record("\(kind): unexpected \(error)") }
  }

  /// Tensors that parse but do not make a model are refused, naming the tensor.
  @Test(arguments: [
    ("missing", "tensor rnn.bias_hh_l1: missing"),
    ("fcShape", "tensor fc.weight: shape [2, 5] disagrees with the model: expected [outputs, 4]"),
    ("cellMeta", "disagrees with cell lstm"),
    ("unknownCell", "cell \"transformer\" is not rnn, lstm or gru"),
    ("extra", "tensor foo.weight: is not a parameter"),
    ("biasShape", "tensor rnn.bias_hh_l1: shape [11] disagrees with the model: expected [12]"),
    ("noRNN", "no recurrent layer: expected a tensor named PREFIX.weight_ih_l0"),
    ("badActivation", "activation \"swish\""),
  ])
  func inconsistentModelsAreRefused(_ kind: String, _ message: String) {
    var tensors = ModelWeights.tensors(
      of: Model(
        config: ModelConfig(cell: .gru, inputSize: 3, hiddenSize: 4, numLayers: 2, outputSize: 2),
        seed: 1))
    var meta = ["cell": "gru"]
    func replace(_ name: String, shape: [Int]) {
      tensors = tensors.map {
        $0.name == name
          ? NamedTensor(
            name: name, shape: shape, values: [Double](repeating: 0.1, count: shape.reduce(1, *)))
          : $0
      }
    }
    switch kind {
    // One layer's bias gone, the others there: not bias=False but a broken file.
    case "missing": tensors.removeAll { $0.name == "rnn.bias_hh_l1" }
    case "fcShape": replace("fc.weight", shape: [2, 5])
    case "cellMeta": meta["cell"] = "lstm"
    case "unknownCell": meta["cell"] = "transformer"
    case "extra": tensors.append(NamedTensor(name: "foo.weight", shape: [1], values: [1]))
    case "biasShape": replace("rnn.bias_hh_l1", shape: [11])
    case "noRNN": tensors.removeAll { $0.name.hasPrefix("rnn.weight_ih") }
    default: meta["activation"] = "swish"
    }
    let path = Self.tmp("bad-\(kind).safetensors")
    try? SafeTensors.encode(tensors, metadata: meta).write(to: URL(fileURLWithPath: path))
    do {
      _ = try ModelWeights.load(path: path)
      Issue.record("\(kind) was accepted")
    } catch let e as WeightsError {
      #expect(e.description.hasPrefix(path + ": "))
      #expect(e.description.contains(message), "\(kind): \(e.description)")
    } catch { Issue.record("\(kind): unexpected \(error)") }
  }

  @Test func cellIsInferredFromShapesWithoutMetadata() throws {
    for cell in CellKind.allCases {
      let m = Model(
        config: ModelConfig(cell: cell, inputSize: 2, hiddenSize: 3, outputSize: 2), seed: 2)
      let path = Self.tmp("infer-\(cell).safetensors")
      try SafeTensors.encode(ModelWeights.tensors(of: m), metadata: [:], dtype: .f64).write(
        to: URL(fileURLWithPath: path))
      #expect(try ModelWeights.load(path: path) == m)
    }
  }

  @Test func missingFilesAndDirectoriesAreNamed() {
    #expect(throws: WeightsError.self) { try ModelWeights.load(path: "/nonexistent/x.safetensors") }
    do { _ = try ModelWeights.load(path: "/tmp") } catch {
      #expect("\(error)".contains("is a directory"))
    }
  }

  @Test func savingReplacesWholeFilesAndNeverHalfWrites() throws {
    // A folder of its own, so other tests' saves running in parallel do not show up in it.
    let dir = Self.tmp("atomic")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/model.safetensors"
    try ModelWeights.save(Self.model, to: path, dtype: .f64)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    // A model with NaN is refused before anything is written: the previous file is intact.
    var bad = Self.model
    bad.parameters["fc.bias"] = [.nan, 0]
    #expect(throws: WeightsError.self) { try ModelWeights.save(bad, to: path) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    // A save into a folder that does not exist fails cleanly.
    #expect(throws: WeightsError.self) {
      try ModelWeights.save(Self.model, to: "/nonexistent-dir/x.safetensors")
    }
    // No temporary files are left beside the target.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["model.safetensors"])
  }
}
