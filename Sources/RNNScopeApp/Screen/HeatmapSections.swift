import RNNCore

/// The names of the heatmap's sections for a model, in the order the panel stacks them: h of each
/// layer, top first (`h` alone for one layer, `h2`, `h1` for two), then the top layer's `c` and
/// gates. `view heatmap NAME` scrolls to one; `h` is the top layer's in every model.
enum HeatmapSections {
  static func names(_ c: ModelConfig) -> [String] {
    var out: [String] = []
    for k in stride(from: c.numLayers, through: 1, by: -1) {
      out.append(c.numLayers > 1 ? "h\(k)" : "h")
    }
    // The top layer's c and gates unnumbered; the lower layers' c1, f1, ….
    for k in stride(from: c.numLayers, through: 1, by: -1) {
      let mark = k == c.numLayers ? "" : "\(k)"
      if c.cell == .lstm { out.append("c" + mark) }
      out += ScopeGates.shown(c.cell).map { $0.label + mark }
    }
    return out
  }

  /// The index of the section called `name` (`h` is the top layer's), if the model has one.
  static func index(of name: String, _ c: ModelConfig) -> Int? {
    let all = names(c)
    if name == "h" { return 0 }
    return all.firstIndex(of: name)
  }
}
