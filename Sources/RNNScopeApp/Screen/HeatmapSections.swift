import RNNCore

/// The names of the heatmap's sections for a model, in the order the panel stacks them: h of each
/// layer, top first (`h` alone for one layer, `h2`, `h1` for two), then each layer's `c` and gates,
/// top first, numbered by layer when there are several (`c2`, `f2`, …, `c1`, `f1`), as `find` and
/// `unit` name them. `view heatmap NAME` scrolls to one; an unnumbered name (`h`, `c`, `f`) is the
/// top layer's in every model.
enum HeatmapSections {
  static func names(_ c: ModelConfig) -> [String] {
    var out: [String] = []
    for k in stride(from: c.numLayers, through: 1, by: -1) {
      out.append(c.numLayers > 1 ? "h\(k)" : "h")
    }
    for k in stride(from: c.numLayers, through: 1, by: -1) {
      let mark = c.numLayers > 1 ? "\(k)" : ""
      if c.cell == .lstm { out.append("c" + mark) }
      out += ScopeGates.shown(c.cell).map { $0.label + mark }
    }
    return out
  }

  /// The index of the section called `name` (unnumbered: the top layer's), if the model has one.
  static func index(of name: String, _ c: ModelConfig) -> Int? {
    let all = names(c)
    if let i = all.firstIndex(of: name) { return i }
    guard c.numLayers > 1, name.allSatisfy(\.isLetter) else { return nil }
    return all.firstIndex(of: name + "\(c.numLayers)")
  }
}
