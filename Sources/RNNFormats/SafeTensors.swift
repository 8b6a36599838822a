import Foundation
import RNNCore

/// The safetensors format: an 8-byte little-endian header length N, N bytes of JSON
/// {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {…}}, then the data.
public enum SafeTensors {
  public struct Contents: Sendable {
    public var tensors: [NamedTensor]
    public var metadata: [String: String]
  }

  /// Reads and validates a whole file; nothing is returned unless every check passes.
  public static func read(path: String) throws -> Contents {
    let data: Data
    do { data = try readBounded(path, limit: maxFileBytes, what: "a weights file") } catch let e
      as FileProblem
    {
      let problem =
        e.problem == "is a directory" ? "is a directory, not a safetensors file" : e.problem
      throw WeightsError(file: path, tensor: nil, problem: problem)
    }
    return try decode(data, file: path)
  }

  /// Largest weights file read (checked before reading): its values, widened to Double, take up to
  /// 4 times this.
  public static let maxFileBytes = 1_000_000_000
  /// Most memory the values of one file may take as Double.
  public static let maxWidenedBytes = 2e9

  /// Largest header accepted (the reference implementation's limit).
  static let maxHeader = 100_000_000

  public static func decode(_ data: Data, file: String) throws -> Contents {
    func fail(_ tensor: String?, _ problem: String) -> WeightsError {
      WeightsError(file: file, tensor: tensor, problem: problem)
    }
    let bytes = [UInt8](data)
    if let foreign = ForeignFormat.recognise(Array(bytes.prefix(512))) {
      throw fail(nil, foreign.problem(file))
    }
    guard bytes.count >= 8 else {
      throw fail(
        nil, "too short to be safetensors (\(bytes.count) bytes; the header length alone takes 8)")
    }
    var n: UInt64 = 0
    for i in 0..<8 { n |= UInt64(bytes[i]) << (8 * UInt64(i)) }
    guard n > 0, n <= UInt64(maxHeader), n <= UInt64(bytes.count - 8) else {
      throw fail(
        nil, "bad header length \(n) (the file has \(bytes.count - 8) bytes after the length)")
    }
    let headerEnd = 8 + Int(n)
    let headerData = Data(bytes[8..<headerEnd])
    guard let json = try? JSONSerialization.jsonObject(with: headerData),
      let header = json as? [String: Any]
    else {
      throw fail(nil, "the header is not a JSON object")
    }
    var metadata: [String: String] = [:]
    if let meta = header["__metadata__"] {
      guard let m = meta as? [String: Any] else {
        throw fail(nil, "__metadata__ is not an object of strings")
      }
      for (k, v) in m {
        guard let s = v as? String else {
          throw fail(nil, "__metadata__ value for \"\(k)\" is not a string")
        }
        metadata[k] = s
      }
    }
    let dataLength = bytes.count - headerEnd
    var entries: [(name: String, dtype: DType, shape: [Int], begin: Int, end: Int)] = []
    for name in header.keys.sorted() where name != "__metadata__" {
      guard let info = header[name] as? [String: Any] else {
        throw fail(name, "entry is not an object")
      }
      guard let dt = info["dtype"] as? String else { throw fail(name, "missing dtype") }
      guard let dtype = DType(rawValue: dt) else {
        throw fail(
          name,
          "unsupported dtype \(dt) (rnnscope reads "
            + "\(DType.allCases.map(\.rawValue).joined(separator: ", ")))"
        )
      }
      guard let shapeAny = info["shape"] as? [Any], let shape = intArray(shapeAny),
        shape.allSatisfy({ $0 >= 0 })
      else {
        throw fail(name, "shape is not a list of non-negative integers")
      }
      guard let offAny = info["data_offsets"] as? [Any], let off = intArray(offAny), off.count == 2
      else {
        throw fail(name, "data_offsets is not a pair of integers")
      }
      let (begin, end) = (off[0], off[1])
      guard begin >= 0, end >= begin else {
        throw fail(name, "data_offsets [\(begin), \(end)] are not increasing")
      }
      guard end <= dataLength else {
        throw fail(name, "data_offsets [\(begin), \(end)] run past the data (\(dataLength) bytes)")
      }
      var count = 1
      for d in shape {
        let (m, overflow) = count.multipliedReportingOverflow(by: d)
        guard !overflow, m <= dataLength else {
          throw fail(name, "shape \(shape) is larger than the file")
        }
        count = m
      }
      guard end - begin == count * dtype.size else {
        throw fail(
          name,
          "shape \(shape) of \(dt) needs \(count * dtype.size) bytes but data_offsets give "
            + "\(end - begin)"
        )
      }
      entries.append((name, dtype, shape, begin, end))
    }
    // No two tensors may share bytes.
    let byBegin = entries.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
    for (a, b) in zip(byBegin, byBegin.dropFirst()) where b.begin < a.end {
      throw fail(
        b.name,
        "data_offsets [\(b.begin), \(b.end)] overlap tensor \(a.name) [\(a.begin), \(a.end)]")
    }
    // As Doubles the values take up to 4 times the file (F16): refused before they are made.
    let values = Double(entries.reduce(0) { $0 + ($1.end - $1.begin) / $1.dtype.size })
    if let refusal = ResourceEstimate.refusal(8 * values, limit: maxWidenedBytes) {
      throw fail(nil, "holds \(Int(values)) values: \(refusal)")
    }
    var tensors: [NamedTensor] = []
    for e in entries {
      let values = decodeValues(
        bytes, from: headerEnd + e.begin, count: (e.end - e.begin) / e.dtype.size, dtype: e.dtype)
      if let bad = values.firstIndex(where: { !$0.isFinite }) {
        throw fail(e.name, "holds \(values[bad].isNaN ? "NaN" : "Inf") at flat index \(bad)")
      }
      tensors.append(NamedTensor(name: e.name, shape: e.shape, values: values))
    }
    return Contents(tensors: tensors, metadata: metadata)
  }

  static func intArray(_ a: [Any]) -> [Int]? {
    var out: [Int] = []
    for v in a {
      guard let n = v as? NSNumber else { return nil }
      let d = n.doubleValue
      guard d == d.rounded(), abs(d) < 9e15 else { return nil }
      out.append(Int(d))
    }
    return out
  }

  static func decodeValues(_ b: [UInt8], from start: Int, count: Int, dtype: DType) -> [Double] {
    var out = [Double](repeating: 0, count: count)
    b.withUnsafeBufferPointer { p in
      for i in 0..<count {
        let o = start + i * dtype.size
        switch dtype {
        case .f64:
          var bits: UInt64 = 0
          for k in 0..<8 { bits |= UInt64(p[o + k]) << (8 * UInt64(k)) }
          out[i] = Double(bitPattern: bits)
        case .f32:
          var bits: UInt32 = 0
          for k in 0..<4 { bits |= UInt32(p[o + k]) << (8 * UInt32(k)) }
          out[i] = Double(Float(bitPattern: bits))
        case .f16:
          out[i] = halfToDouble(UInt16(p[o]) | UInt16(p[o + 1]) << 8)
        case .bf16:
          // bfloat16 is the top half of a float32
          out[i] = Double(Float(bitPattern: (UInt32(p[o]) | UInt32(p[o + 1]) << 8) << 16))
        }
      }
    }
    return out
  }

  // IEEE 754 binary16: sign · 2^(e−15) · (1 + m/1024), subnormal 2^−14 · m/1024, e = 31 → Inf/NaN
  static func halfToDouble(_ h: UInt16) -> Double {
    let sign: Double = h & 0x8000 != 0 ? -1 : 1
    let e = Int((h >> 10) & 0x1f)
    let m = Double(h & 0x3ff)
    if e == 0 { return sign * m * 0x1p-24 }
    if e == 31 { return m == 0 ? sign * .infinity : .nan }
    return sign * (1 + m / 1024) * Double(sign: .plus, exponent: e - 15, significand: 1)
  }

  /// Encodes tensors (F32 or F64) with their metadata; the header is padded with spaces to 8 bytes.
  public static func encode(
    _ tensors: [NamedTensor], metadata: [String: String], dtype: DType = .f32
  ) -> Data {
    precondition(dtype == .f32 || dtype == .f64, "rnnscope writes F32 or F64")
    var header: [String: Any] = [:]
    if !metadata.isEmpty { header["__metadata__"] = metadata }
    var offset = 0
    for t in tensors {
      let size = t.values.count * dtype.size
      header[t.name] =
        ["dtype": dtype.rawValue, "shape": t.shape, "data_offsets": [offset, offset + size]]
        as [String: Any]
      offset += size
    }
    var json = try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
    while json.count % 8 != 0 { json.append(0x20) }
    var out = Data(capacity: 8 + json.count + offset)
    var n = UInt64(json.count).littleEndian
    withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
    out.append(json)
    for t in tensors {
      for v in t.values {
        if dtype == .f64 {
          var bits = v.bitPattern.littleEndian
          withUnsafeBytes(of: &bits) { out.append(contentsOf: $0) }
        } else {
          var bits = Float(v).bitPattern.littleEndian
          withUnsafeBytes(of: &bits) { out.append(contentsOf: $0) }
        }
      }
    }
    return out
  }
}
