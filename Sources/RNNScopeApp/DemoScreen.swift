import RNNCore
import RNNViews

/// Composes the whole demo screen into a cell grid. Holds only view state (the scroll position).
public struct DemoScreen: Sendable {
    public var firstColumn = 0
    public let gutter = 6

    public init() {}

    public mutating func render(_ s: DemoState, width: Int, height: Int, theme: Theme) -> CellGrid {
        var g = CellGrid(width: width, height: height)
        guard let layout = DemoLayout(width: width, height: height, hiddenSize: s.config.hiddenSize) else {
            drawTooSmall(&g, theme: theme)
            return g
        }
        let colW = columnWidth(s, layout)
        let capacity = (layout.heatmap.width - 2 - gutter) / colW
        firstColumn = TimeWindow.first(total: s.stepsTaken, capacity: capacity, cursor: s.cursor, previous: firstColumn)

        drawTitle(&g, s, layout.title, theme)
        drawHeatmap(&g, s, layout.heatmap, colW, theme)
        drawGradients(&g, s, layout.gradient, colW, theme)
        drawReadout(&g, s, layout.readout, theme)
        drawDerivatives(&g, s, layout.derivative, theme)
        drawStatus(&g, s, layout.status, theme)
        if s.showHelp { drawHelp(&g, theme) }
        return g
    }

    /// Two cells per timestep when at least 24 steps still fit at that width (the view scrolls), else one.
    func columnWidth(_ s: DemoState, _ l: DemoLayout) -> Int {
        (l.heatmap.width - 2 - gutter) >= 2 * min(24, s.maxSteps) ? 2 : 1
    }

    func drawTooSmall(_ g: inout CellGrid, theme: Theme) {
        let lines = [
            "terminal too small: need \(DemoLayout.minWidth)×\(DemoLayout.minHeight)",
            "have \(g.width)×\(g.height)",
            "enlarge the window (q quits)",
        ]
        for (i, line) in lines.enumerated() {
            let y = g.height / 2 - 1 + i
            g.text(max(0, (g.width - line.count) / 2), y, line, fg: i == 0 ? theme.error : theme.text, bold: i == 0)
        }
    }

    func drawTitle(_ g: inout CellGrid, _ s: DemoState, _ r: Rect, _ theme: Theme) {
        let bg: TermColor = theme.color ? .rgb(RGB(38, 40, 58)) : .standard
        g.fill(r, Cell(" ", bg: bg))
        let c = s.config
        let left = " rnnscope — vanilla RNN · \(s.activation.rawValue) · hidden \(c.hiddenSize) · vocab \(c.inputSize) · step \(s.stepsTaken)/\(s.maxSteps)"
        g.text(r.x, r.y, left, fg: theme.title, bg: bg, bold: true, maxWidth: r.width)
        let right = "? help  q quit "
        if left.count + right.count < r.width { g.text(r.maxX - right.count, r.y, right, fg: theme.dim, bg: bg) }
    }

    /// "␣" for a space, "↵" for a newline (ASCII "_" and "/" without Unicode).
    func visible(_ ch: Character, _ theme: Theme) -> String {
        switch ch {
        case " ": return theme.glyphs.unicode ? "␣" : "_"
        case "\n": return theme.glyphs.unicode ? "↵" : "/"
        case "\t": return theme.glyphs.unicode ? "⇥" : ">"
        default: return String(ch)
        }
    }

    /// The time row: ▲ under the cursor column with "t=N" beside it.
    func drawCursorRow(_ g: inout CellGrid, _ s: DemoState, x: Int, y: Int, width: Int, colW: Int, label: String, _ theme: Theme) {
        g.text(x, y, label, fg: theme.dim)
        guard s.stepsTaken > 0 else { return }
        let cx = x + gutter + (s.cursor - firstColumn) * colW
        g.put(cx, y, theme.glyphs.unicode ? "▲" : "^", fg: theme.accent, bold: true)
        let tag = "t=\(s.cursor + 1)"
        let tx = cx + 2 + tag.count <= x + width ? cx + 2 : cx - 1 - tag.count
        g.text(tx, y, tag, fg: theme.accent)
    }

    func drawHeatmap(_ g: inout CellGrid, _ s: DemoState, _ r: Rect, _ colW: Int, _ theme: Theme) {
        g.frame(r, title: "hidden state h_t (units × time)", style: theme)
        let inner = r.inset(1)
        guard inner.height >= 3 else { return }
        // Input strip.
        g.text(inner.x, inner.y, "x_t", fg: theme.dim)
        let capacity = (inner.width - gutter) / colW
        for i in 0..<capacity {
            let t = firstColumn + i
            guard t < s.stepsTaken else { break }
            let isCursor = t == s.cursor
            let fg: TermColor = isCursor ? (theme.color ? .rgb(RGB(0, 0, 0)) : .standard) : theme.text
            let bg: TermColor = isCursor && theme.color ? theme.accent : .standard
            g.text(inner.x + gutter + i * colW, inner.y, visible(s.character(at: t), theme), fg: fg, bg: bg, bold: isCursor)
        }
        // The map itself.
        var map = Heatmap(columns: s.run.steps.map { $0.hidden[0] }, units: s.config.hiddenSize)
        map.columnWidth = colW
        map.firstColumn = firstColumn
        let mapRows = min(map.rowsNeeded(theme: theme), inner.height - 3)
        for row in 0..<mapRows {
            let label = theme.color ? "\(2 * row)" + (2 * row + 1 < map.units ? "·\(2 * row + 1)" : "") : "\(row)"
            g.text(inner.x + gutter - 1 - label.count, inner.y + 1 + row, label, fg: theme.dim)
        }
        map.draw(into: &g, Rect(x: inner.x + gutter, y: inner.y + 1, width: inner.width - gutter, height: mapRows), theme: theme)
        if mapRows < map.rowsNeeded(theme: theme) {
            g.text(inner.x, inner.y + mapRows, "+more", fg: theme.dim)
        }
        drawCursorRow(&g, s, x: inner.x, y: inner.y + 1 + mapRows, width: inner.width, colW: colW, label: "t", theme)
        let legendY = inner.maxY - 1
        g.text(inner.x, legendY, "h_t", fg: theme.dim)
        DivergingLegend(limit: 1).draw(into: &g, x: inner.x + gutter, y: legendY, width: min(30, inner.width - gutter), theme: theme)
        if s.stepsTaken == 0 {
            g.text(inner.x + gutter, inner.y + 1, "Space or → steps the RNN through the text", fg: theme.dim, maxWidth: inner.width - gutter)
        }
    }

    func gradientTitle(_ s: DemoState) -> String {
        s.gradientMeasure == .lastLoss
            ? "‖∂L_T/∂h_t‖ per step, log10"
            : "‖∂L/∂h_t‖ per step, log10"
    }

    func drawGradients(_ g: inout CellGrid, _ s: DemoState, _ r: Rect, _ colW: Int, _ theme: Theme) {
        g.frame(r, title: gradientTitle(s), style: theme)
        let inner = r.inset(1)
        guard inner.height >= 3 else { return }
        guard let norms = s.gradientNorms else {
            let msg = s.stepsTaken == 0
                ? "step forward, then press b to backpropagate through time"
                : "press b to backpropagate through the \(s.stepsTaken) step\(s.stepsTaken == 1 ? "" : "s") taken"
            g.text(inner.x + max(0, (inner.width - msg.count) / 2), inner.y + inner.height / 2, msg, fg: theme.dim, maxWidth: inner.width)
            return
        }
        var plot = LogBarPlot(values: norms.map { Optional($0) })
        plot.columnWidth = colW
        plot.firstColumn = firstColumn
        plot.gutter = gutter
        plot.draw(into: &g, Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1), theme: theme)
        drawCursorRow(&g, s, x: inner.x, y: inner.maxY - 1, width: inner.width, colW: colW, label: "t", theme)
        // The numbers: at the cursor, and first vs last.
        let cursorNorm = NumberFormat.scientific(norms[s.cursor])
        let what = s.gradientMeasure == .lastLoss ? "loss at T only (g: whole loss)" : "whole loss Σ L_t (g: last loss)"
        let ends = "t=1: \(NumberFormat.scientific(norms[0]))  t=\(norms.count): \(NumberFormat.scientific(norms[norms.count - 1]))"
        let atCursor = s.cursor != 0 && s.cursor != norms.count - 1 ? "t=\(s.cursor + 1): \(cursorNorm)  " : ""
        // The longest summary that fits right of the top label.
        for summary in [what + "  " + atCursor + ends, atCursor + ends, ends] {
            let sx = inner.maxX - summary.count
            if sx > inner.x + gutter { g.text(sx, inner.y, summary, fg: theme.accent); break }
        }
    }

    func drawReadout(_ g: inout CellGrid, _ s: DemoState, _ r: Rect, _ theme: Theme) {
        g.frame(r, title: "at the cursor", style: theme)
        let inner = r.inset(1)
        var y = inner.y
        func line(_ text: String, _ color: TermColor = theme.text) {
            guard y < inner.maxY else { return }
            g.text(inner.x, y, text, fg: color, maxWidth: inner.width)
            y += 1
        }
        guard s.stepsTaken > 0 else {
            line("no steps taken yet", theme.dim)
            line("Space or → reads the next character", theme.dim)
            return
        }
        let t = s.cursor
        let step = s.run.steps[t]
        let v = s.vocabulary
        line("step t=\(t + 1) of \(s.stepsTaken) taken", theme.title)
        let targetToken = s.targetToken(at: t)
        let target = targetToken.map { "'\(visible(v.character($0), theme))'" } ?? "none"
        line("input '\(visible(s.character(at: t), theme))'   target \(target)")
        let best = step.probabilities.indices.max { step.probabilities[$0] < step.probabilities[$1] }!
        let right = targetToken == best
        line("predicted '\(visible(v.character(best), theme))' p=\(NumberFormat.short(step.probabilities[best]))" + (right ? " ✓" : " ✗"),
             right ? theme.good : theme.error)
        if let y0 = targetToken {
            line("p(target)=\(NumberFormat.short(step.probabilities[y0]))  L_t=\(NumberFormat.short(step.loss ?? 0))")
        }
        if let b = s.bptt {
            line("‖∂L/∂h_t‖   = \(NumberFormat.scientific(b.hiddenGradNorms[0][t]))", theme.accent)
            line("‖∂L_T/∂h_t‖ = \(NumberFormat.scientific(b.lastLossHiddenGradNorms[0][t]))", theme.accent)
        } else {
            line("‖∂L/∂h_t‖: press b", theme.dim)
            line("")
        }
        line("h_t (unit value):", theme.dim)
        let h = step.hidden[0]
        let perRow = max(1, (inner.width + 1) / 9)
        var i = 0
        while i < h.count && y < inner.maxY {
            var x = inner.x
            for u in i..<min(i + perRow, h.count) {
                let label = (u < 10 ? " " : "") + "\(u):"
                g.text(x, y, label, fg: theme.dim)
                let val = h[u] >= 0 ? "+" + NumberFormat.short(h[u], digits: 2) : NumberFormat.short(h[u], digits: 2)
                let color: TermColor = theme.color ? .rgb(Colormap.diverging(h[u])) : .standard
                g.text(x + label.count, y, val, fg: color)
                x += 9
            }
            i += perRow
            y += 1
        }
    }

    func drawDerivatives(_ g: inout CellGrid, _ s: DemoState, _ r: Rect, _ theme: Theme) {
        let active: DerivativePlot.Curve = s.activation == .sigmoid ? .sigmoid : .tanh
        g.frame(r, title: "φ'(x) · active: \(s.activation.rawValue)", style: theme)
        let inner = r.inset(1)
        guard inner.height >= 4 else { return }
        // Legend line.
        let dot: Unicode.Scalar = theme.glyphs.unicode ? "━" : "-"
        g.put(inner.x, inner.y, dot, fg: active == .tanh ? theme.tanhCurve : theme.dim)
        g.text(inner.x + 2, inner.y, "tanh' 1.0", fg: active == .tanh ? theme.tanhCurve : theme.dim)
        g.put(inner.x + 12, inner.y, dot, fg: active == .sigmoid ? theme.sigmoidCurve : theme.dim)
        g.text(inner.x + 14, inner.y, "σ' 0.25", fg: active == .sigmoid ? theme.sigmoidCurve : theme.dim)
        g.put(inner.x + 22, inner.y, theme.glyphs.unicode ? "⣿" : "o", fg: theme.marker)
        g.text(inner.x + 24, inner.y, "a_t", fg: theme.marker)
        let marks = s.stepsTaken > 0 ? s.run.steps[s.cursor].layers[0].preActivation : []
        DerivativePlot(active: active, marks: marks)
            .draw(into: &g, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1), theme: theme)
    }

    func drawStatus(_ g: inout CellGrid, _ s: DemoState, _ r: Rect, _ theme: Theme) {
        if let m = s.message {
            g.text(r.x + 1, r.y, m, fg: theme.accent, maxWidth: r.width - 1)
        } else {
            let hints = "Space step  ←/→ h/l cursor  b backprop  g measure  s tanh/sigmoid  r reset  ? help  q quit"
            g.text(r.x + 1, r.y, hints, fg: theme.dim, maxWidth: r.width - 1)
        }
    }

    func drawHelp(_ g: inout CellGrid, _ theme: Theme) {
        let keyW = demoKeyBindings.map { $0.keys.count }.max()! + 2
        let textW = demoKeyBindings.map { $0.action.count }.max()!
        let w = min(g.width - 2, keyW + textW + 4), h = min(g.height - 2, demoKeyBindings.count + 4)
        let box = Rect(x: (g.width - w) / 2, y: (g.height - h) / 2, width: w, height: h)
        g.fill(box, Cell(" ", bg: theme.color ? .rgb(RGB(24, 24, 34)) : .standard))
        g.frame(box, title: "keys", style: theme, focused: true)
        let bg: TermColor = theme.color ? .rgb(RGB(24, 24, 34)) : .standard
        for (i, k) in demoKeyBindings.enumerated() where box.y + 1 + i < box.maxY - 2 {
            g.text(box.x + 2, box.y + 1 + i, k.keys, fg: theme.accent, bg: bg, bold: true)
            g.text(box.x + 2 + keyW, box.y + 1 + i, k.action, fg: theme.text, bg: bg, maxWidth: box.width - keyW - 4)
        }
        g.text(box.x + 2, box.maxY - 2, "any key closes this help", fg: theme.dim, bg: bg)
    }
}
