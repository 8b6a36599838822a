import RNNViews

/// Where each panel of the demo screen goes for a terminal of a given size.
public struct DemoLayout: Sendable, Equatable {
    public static let minWidth = 80
    public static let minHeight = 24

    public let title: Rect, status: Rect
    public let heatmap: Rect, gradient: Rect, readout: Rect, derivative: Rect

    /// nil when the terminal is smaller than `minWidth` × `minHeight`.
    public init?(width: Int, height: Int, hiddenSize: Int) {
        guard width >= DemoLayout.minWidth, height >= DemoLayout.minHeight else { return nil }
        title = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let bodyY = 1, bodyH = height - 2
        let rightW = max(38, width * 38 / 100)
        let leftW = width - rightW
        // Heatmap: border 2 + input strip + ⌈H/2⌉ rows + time row + legend; the gradient panel keeps ≥ 9 rows.
        let wanted = 2 + 1 + (hiddenSize + 1) / 2 + 2
        let heatH = min(wanted, bodyH - 9)
        heatmap = Rect(x: 0, y: bodyY, width: leftW, height: heatH)
        gradient = Rect(x: 0, y: bodyY + heatH, width: leftW, height: bodyH - heatH)
        let readH = min(2 + 7 + (hiddenSize + 3) / 4, bodyH - 9)
        readout = Rect(x: leftW, y: bodyY, width: rightW, height: readH)
        derivative = Rect(x: leftW, y: bodyY + readH, width: rightW, height: bodyH - readH)
    }
}
