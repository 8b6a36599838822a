import RNNCore
import RNNViews

/// The eigenvalues of layer 1's recurrent block in the complex plane, with ρ and σ_max; or, while
/// a fixed point is selected, those of ∂F/∂s there.
struct SpectrumPanel: ScopePanel {
  /// A selected fixed point's linearisation: which point, what it is, its eigenvalues.
  struct FixedPointView: Sendable {
    /// "point 3" (a fixed point), "slow point 4".
    var name: String
    /// "saddle, 1 unstable".
    var kind: String
    var eigenvalues: [Spectral.Eigenvalue]
    var stale: Bool
  }

  /// The matrix shown ("W_hh", or the candidate block of a gated cell).
  var matrix: String
  /// Whether the model has more than one layer (layer 1 is shown).
  var layered: Bool
  var spectrum: ScopeSpectrum
  var focused: Bool
  /// Shown instead of the weights' spectrum while set.
  var fixedPoint: FixedPointView? = nil

  /// Draws the frame, ρ and σ_max, and the eigenvalues around the unit circle.
  func draw(into g: inout CellGrid, in r: Rect, theme: Theme) {
    if let f = fixedPoint {
      draw(f, into: &g, in: r, theme: theme)
      return
    }
    g.frame(
      r, title: "eigenvalues of \(matrix)" + (layered ? ", layer 1" : ""), style: theme,
      focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 3 else { return }
    let f = spectrum.figures
    let head = "ρ = \(NumberFormat.short(f.radius))   σ_max = \(NumberFormat.short(f.sigmaMax))"
    g.text(
      inner.x, inner.y, head, fg: f.radius > 1 ? theme.exploding : theme.accent,
      maxWidth: inner.width)
    // The glyph the plot gives the eigenvalues the note speaks of; the longest wording that fits.
    let outside = f.radius > 1
    let glyph = ComplexPlane.glyph(outside: outside, unicode: theme.glyphs.unicode)
    let notes =
      outside
      ? [
        "\(glyph) outside the unit circle: can explode", "\(glyph) outside: can explode",
        "\(glyph) outside",
      ]
      : ["\(glyph) inside the unit circle", "\(glyph) inside"]
    if let note = notes.first(where: { inner.width > head.count + $0.count + 3 }) {
      g.text(inner.maxX - note.count, inner.y, note, fg: theme.dim)
    }
    ComplexPlane(points: spectrum.eigenvalues.map { ($0.re, $0.im) })
      .draw(
        into: &g, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1),
        theme: theme)
  }

  /// ∂F/∂s at the selected point: ρ and how many eigenvalues lie outside the circle (the
  /// unstable modes), and the plane.
  func draw(_ f: FixedPointView, into g: inout CellGrid, in r: Rect, theme: Theme) {
    g.frame(
      r, title: "∂F/∂s at \(f.name) (\(f.kind))" + (f.stale ? " · stale" : ""), style: theme,
      focused: focused)
    let inner = r.inset(1)
    guard inner.height >= 3 else { return }
    let radius = f.eigenvalues.map(\.magnitude).max() ?? 0
    let outside = f.eigenvalues.filter { $0.magnitude > 1 }.count
    let glyph = ComplexPlane.glyph(outside: true, unicode: theme.glyphs.unicode)
    let head =
      "ρ = \(NumberFormat.short(radius))   \(outside) of \(f.eigenvalues.count) \(glyph) outside"
    g.text(
      inner.x, inner.y, head, fg: outside > 0 ? theme.exploding : theme.accent,
      maxWidth: inner.width)
    ComplexPlane(points: f.eigenvalues.map { ($0.re, $0.im) })
      .draw(
        into: &g, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1),
        theme: theme)
  }
}
