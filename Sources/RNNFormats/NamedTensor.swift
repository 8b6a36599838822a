import Foundation
import RNNCore

/// One named tensor, its values widened to Double.
public struct NamedTensor: Sendable, Equatable {
  public let name: String
  public let shape: [Int]
  public let values: [Double]
  public init(name: String, shape: [Int], values: [Double]) {
    self.name = name
    self.shape = shape
    self.values = values
  }
}
