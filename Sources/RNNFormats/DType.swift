import Foundation
import RNNCore

/// The element types of a safetensors file this engine reads (and, for F32 and F64, writes).
public enum DType: String, Sendable, CaseIterable {
  case f64 = "F64"
  case f32 = "F32"
  case f16 = "F16"
  case bf16 = "BF16"
  public var size: Int {
    switch self {
    case .f64: return 8
    case .f32: return 4
    case .f16, .bf16: return 2
    }
  }
}
