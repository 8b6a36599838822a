import Foundation
import RNNCore

/// Why a weights file was refused: the file, the tensor when there is one, and the problem.
public struct WeightsError: Error, CustomStringConvertible, Sendable {
  public let file: String
  public let tensor: String?
  public let problem: String
  public init(file: String, tensor: String?, problem: String) {
    self.file = file
    self.tensor = tensor
    self.problem = problem
  }
  public var description: String {
    visible("\(file): " + (tensor.map { "tensor \($0): " } ?? "") + problem)
  }
}
