import Foundation

/// The report as text, as `rnnscope fixed` and the visualizer's `fixed` print it.
extension FixedPointReport {
  /// "x* = zero; 128 starts; 10 fixed and 0 slow points (tol 1e-12)".
  public func summary(input: String, tolerance: Double) -> String {
    let unconverged = unconverged == 0 ? "" : ", \(unconverged) unconverged"
    return "x* = \(input); \(starts) starts\(unconverged); \(fixed.count) fixed and "
      + "\(slow.count) slow points (tol \(tolerance))"
  }

  /// Point i's lines (numbered from 1): fixed or slow, q and stability; the readout; the first
  /// `eigenvalues` eigenvalues by |λ|.
  public func lines(ofPoint i: Int, eigenvalues shown: Int) -> [String] {
    let p = points[i]
    let readout = p.readout.map { String(format: "%+.3f", $0) }.joined(separator: " ")
    let eig = p.eigenvalues.prefix(shown).map(\.text).joined(separator: ", ")
    let more = p.eigenvalues.count > shown ? ", …" : ""
    let number = String(i + 1)
    return [
      String(repeating: " ", count: max(0, 3 - number.count)) + number
        + "  \(p.isFixed ? "fixed" : "slow ")  q \(String(format: "%.2e", p.q))  "
        + p.stability.description,
      "     readout [\(readout)]",
      "     λ (by |λ|): \(eig)\(more)",
    ]
  }
}

extension Spectral.Eigenvalue {
  /// "0.9312", "0.5200+0.3100i (|λ| 0.6054)": |λ| in brackets for a complex one.
  public var text: String {
    if im == 0 { return String(format: "%.4f", re) }
    return String(format: "%.4f%@%.4fi (|λ| %.4f)", re, im < 0 ? "−" : "+", abs(im), magnitude)
  }
}
