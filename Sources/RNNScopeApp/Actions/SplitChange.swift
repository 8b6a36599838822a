import RNNCore

/// `split [cell=…] [activation=…] [hidden=N] [layers=N] [init=…] [radius=R] [forget-bias=B]
/// [label=…]`: how the second model of a split view differs from the one shown.
public struct SplitChange: Sendable, Equatable {
  /// The model's shape, changed as `model` changes it (the seed stays: same data, same seed).
  public var model = ModelChange()
  /// The weights drawn again with this scheme, as `init SCHEME` draws them.
  public var scheme: InitScheme?
  public var radius: Double?
  public var forgetBias: Double?
  /// What the second model is called on screen; "A vs B" names both (nil: what differs).
  public var label: String?
  public init() {}

  /// The options of the second model: `o` with the change applied as `model` and `init` apply
  /// theirs.
  func options(from o: ScopeOptions) -> ScopeOptions {
    var n = o
    model.apply(to: &n)
    if let s = scheme {
      n.initialization = Initialization(scheme: s, forgetBias: forgetBias, radius: radius)
    } else {
      if let b = forgetBias { n.initialization.forgetBias = b }
      if let r = radius { n.initialization.radius = r }
    }
    return n
  }

  /// Whether only the activation changes: the second model then keeps the first one's weights,
  /// as `s` does.
  var changesOnlyTheActivation: Bool {
    var m = model
    m.activation = nil
    return m == ModelChange() && scheme == nil && radius == nil && forgetBias == nil
  }
}
