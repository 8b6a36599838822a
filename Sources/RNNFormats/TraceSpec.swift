import Foundation
import RNNCore

/// One sequence to trace: SPEC.json of `rnnscope trace`.
public struct TraceSpec: Sendable {
  public var inputs: [StepInput]
  public var targets: [Target?]
  public var loss: LossKind
}
