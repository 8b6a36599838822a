/// Where `view` points the screen: a panel to focus (on screen whatever the size), whether it fills
/// the screen, and for the heatmap the section to scroll to.
public struct ViewDirection: Sendable, Equatable {
  /// The panel focused; nil for `view all` (every panel, none zoomed).
  public var panel: PanelID?
  public var zoom = false
  /// The heatmap section scrolled to (`HeatmapSections.names`), if named.
  public var section: Int?
  /// The trajectory's two principal components, from 0 (`view trajectory 1,3` → [0, 2]).
  public var components: [Int]?
}
