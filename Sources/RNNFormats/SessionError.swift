import Foundation
import RNNCore

public struct SessionError: Error, CustomStringConvertible, Sendable {
  public let path: String
  public let problem: String
  package init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }
  public var description: String { visible("\(path): \(problem)") }
}
