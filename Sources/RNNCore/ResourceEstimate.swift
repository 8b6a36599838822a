import Foundation

/// What a model of a given size needs in memory, estimated before anything is allocated, so that
/// absurd sizes are refused at once with the figure instead of failing halfway.
public enum ResourceEstimate {
  /// The default limit of the command-line tools.
  public static let limitBytes = 8e9

  /// Bytes for training (or stepping) a model: its weights six times over (weights, gradient,
  /// optimizer state, scratch) plus a workspace of `steps` steps for `sequences` sequences (see
  /// `BatchBPTT`). Computed in Double, so any sizes give a figure.
  public static func bytes(
    cell: CellKind, input: Int, hidden: Int, layers: Int, output: Int, steps: Int, sequences: Int
  ) -> Double {
    let h = Double(hidden)
    let g = Double(cell.gateCount)
    let l = Double(max(layers, 1))
    let weights =
      g * h * (Double(input) + h + 2) + (l - 1) * g * h * (2 * h + 2) + Double(output) * (h + 1)
    let c = ModelConfig(
      cell: cell, inputSize: input, hiddenSize: hidden, numLayers: max(layers, 1),
      outputSize: output)
    return 6 * 8 * weights + BatchBPTT.bytesPerSequence(c, steps: max(steps, 0))
      * Double(max(sequences, 0))
  }

  /// "about 12 GB", "about 3.2 EB".
  public static func describe(_ bytes: Double) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
    var v = bytes
    var i = 0
    while v >= 1000 && i < units.count - 1 {
      v /= 1000
      i += 1
    }
    let oneDecimal = v < 10 && i > 0 && v != v.rounded()
    return "about " + String(format: oneDecimal ? "%.1f" : "%.0f", v) + " " + units[i]
  }

  /// nil when `bytes` fits in `limit`, else the refusal: "this would need about 64 EB of memory;
  /// the limit is 8 GB".
  public static func refusal(_ bytes: Double, limit: Double = limitBytes) -> String? {
    bytes > limit
      ? "this would need \(describe(bytes)) of memory; the limit is "
        + "\(describe(limit).replacingOccurrences(of: "about ", with: ""))"
      : nil
  }
}
