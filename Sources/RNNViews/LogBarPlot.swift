import Foundation

/// Bars on a log10 axis, one per timestep column, aligned with the heatmap's columns: the per-timestep
/// gradient norms. Eighth blocks give 8 levels per text row; decades are labelled in a left gutter.
public struct LogBarPlot: Sendable {
    /// values[t]; nil where nothing is computed.
    public var values: [Double?]
    public var columnWidth: Int = 1
    public var firstColumn: Int = 0
    public var gutter: Int = 6

    public init(values: [Double?]) { self.values = values }

    /// The decades the finite positive values span: ⌊log10 min⌋ … ⌈log10 max⌉ (at least one decade).
    public var dataDecades: ClosedRange<Int>? {
        let logs = values.compactMap { $0 }.filter { $0 > 0 && $0.isFinite }.map(log10)
        guard let lo = logs.min(), let hi = logs.max() else { return nil }
        let l = Int(floor(lo)), h = Int(ceil(hi))
        return l...(h > l ? h : l + 1)
    }

    /// Whole decades per text row, so that every row's top edge sits exactly on a decade: d = ⌈span / rows⌉.
    public func decadesPerRow(rows: Int) -> Int {
        guard let r = dataDecades, rows > 0 else { return 1 }
        let span = r.upperBound - r.lowerBound
        return max(1, (span + rows - 1) / rows)
    }

    /// The axis: from `top` at the top edge of row 0 down by `decadesPerRow` per row.
    public func axis(rows: Int) -> (top: Int, decadesPerRow: Int)? {
        guard let r = dataDecades else { return nil }
        return (r.upperBound, decadesPerRow(rows: rows))
    }

    /// The decade at the top edge of row `row` (0 = the top row): a bar reaching that edge has norm 10^that.
    public func decadeAtTop(ofRow row: Int, rows: Int) -> Int? {
        axis(rows: rows).map { $0.top - row * $0.decadesPerRow }
    }

    /// Height of the bar for `v` in eighths of a row, for a plot `rows` high (at least 1 for any positive value).
    public func eighths(_ v: Double, rows: Int) -> Int {
        guard let (top, d) = axis(rows: rows), v > 0, v.isFinite else { return 0 }
        let bottom = Double(top - rows * d)
        let f = (log10(v) - bottom) / Double(rows * d)
        return max(1, min(rows * 8, Int((f * Double(rows * 8)).rounded())))
    }

    static let blocks: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Draws the gutter labels and bars into `r` (labels take the first `gutter` columns).
    public func draw(into g: inout CellGrid, _ r: Rect, theme: Theme) {
        let rows = r.height
        guard rows > 0, r.width > gutter else { return }
        let plotX = r.x + gutter
        if axis(rows: rows) != nil {
            // Every other row's top edge is labelled with its decade, and the bottom row's always.
            for row in 0..<rows where row % 2 == 0 || row == rows - 1 {
                if row == rows - 2 && rows % 2 == 0 { continue }   // keep labels two rows apart
                let label = NumberFormat.decade(decadeAtTop(ofRow: row, rows: rows)!)
                g.text(r.x + gutter - 1 - label.count, r.y + row, label, fg: theme.dim)
                g.put(r.x + gutter - 1, r.y + row, theme.glyphs.unicode ? "┤" : "+", fg: theme.dim)
            }
        }
        let visible = (r.width - gutter) / max(1, columnWidth)
        for i in 0..<visible {
            let t = firstColumn + i
            guard t >= 0 && t < values.count, let v = values[t] else { continue }
            let x = plotX + i * columnWidth
            if v.isNaN || v.isInfinite {
                g.text(x, r.y + (v.isNaN ? rows - 1 : 0), v.isNaN ? "?" : "!", fg: theme.error, bold: true)
                continue
            }
            if v == 0 { g.put(x, r.maxY - 1, "0", fg: theme.dim); continue }
            let h = eighths(v, rows: rows)
            let color: TermColor = theme.color ? .rgb(Colormap.sequential(Double(h) / Double(rows * 8))) : .standard
            for row in 0..<rows {
                let filled = h - row * 8   // eighths in this row, counting from the bottom
                guard filled > 0 else { break }
                let ch: Unicode.Scalar = theme.glyphs.unicode ? LogBarPlot.blocks[min(filled, 8) - 1] : (filled >= 4 ? "#" : ".")
                for k in 0..<columnWidth where columnWidth == 1 || k == 0 {
                    g.put(x + k, r.maxY - 1 - row, ch, fg: color)
                }
            }
        }
    }
}
