/// Files that are not safetensors but are often handed to rnnscope in its place — a `torch.save`
/// zip or pickle, a NumPy `.npz` or `.npy` — recognised by their first bytes and answered with the
/// line that converts them.
public enum ForeignFormat: Equatable, Sendable {
  /// `torch.save` since PyTorch 1.6: a zip holding `…/data.pkl`.
  case torchZip
  /// `torch.save(…, _use_new_zipfile_serialization=False)` or a plain pickle: protocol 2–5.
  case pickle
  /// `numpy.savez`: a zip of `.npy` members.
  case npz
  /// `numpy.save`: one array.
  case npy
  /// Some other zip archive.
  case zip

  /// What `bytes` (a file's start) is, or nil when none of these.
  public static func recognise(_ bytes: [UInt8]) -> ForeignFormat? {
    if bytes.starts(with: [0x93] + Array("NUMPY".utf8)) { return .npy }
    if bytes.count >= 2, bytes[0] == 0x80, (2...5).contains(bytes[1]) { return .pickle }
    guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
    // The first local file header's name: its length at offset 26, the name from offset 30.
    guard bytes.count >= 30 else { return .zip }
    let length = Int(bytes[26]) | Int(bytes[27]) << 8
    guard bytes.count >= 30 + length else { return .zip }
    let name = String(decoding: bytes[30..<(30 + length)], as: UTF8.self)
    if name.hasSuffix(".npy") { return .npz }
    // PyTorch's archive puts every record under one folder; data.pkl is written first.
    if name.hasSuffix("data.pkl") || name.contains("/data/") || name.hasSuffix("/version") {
      return .torchZip
    }
    return .zip
  }

  /// The refusal for a file of this kind at `path`: what it is, and the line that converts it.
  public func problem(_ path: String) -> String {
    let out = Self.converted(path)
    switch self {
    case .torchZip, .pickle:
      let what =
        self == .torchZip ? "a torch.save file (zip)" : "a pickle (torch.save's older format)"
      return "is \(what), not safetensors; convert it with: python3 -c \"import torch; "
        + "from safetensors.torch import save_file; m = torch.load('\(path)', map_location='cpu', "
        + "weights_only=False); sd = m.state_dict() if hasattr(m, 'state_dict') else m; "
        + "save_file({k: v.contiguous() for k, v in sd.items()}, '\(out)')\""
    case .npz:
      return "is a NumPy .npz archive, not safetensors; convert it with: python3 -c \"import "
        + "numpy as np; from safetensors.numpy import save_file; "
        + "save_file({k: np.ascontiguousarray(v) for k, v in np.load('\(path)').items()}, "
        + "'\(out)')\""
    case .npy:
      return "is a single NumPy array (.npy), not safetensors: a model needs its tensors by name "
        + "(rnn.weight_ih_l0, …); save the state_dict with safetensors.torch.save_file"
    case .zip:
      return "is a zip archive, not safetensors (neither a torch.save file nor a NumPy .npz)"
    }
  }

  /// Where the conversion writes: the same name with the extension `.safetensors`.
  static func converted(_ path: String) -> String {
    let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
      return path + ".safetensors"
    }
    return String(path.dropLast(name.distance(from: dot, to: name.endIndex))) + ".safetensors"
  }
}
