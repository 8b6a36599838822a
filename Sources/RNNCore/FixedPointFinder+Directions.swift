/// What the searches in slices and the pictures of fixed points need besides `find`.
extension FixedPointFinder {
  /// The unstable directions at s: the right eigenvectors of ∂F/∂s whose |λ| > 1 + `tolerance`,
  /// largest |λ| first; a complex pair gives the real and the imaginary part of its vector (the
  /// plane it turns in), once. Each is of unit 2-norm in the state's layout.
  public func unstableDirections(at s: [Double], tolerance: Double = 1e-3) -> [[Double]] {
    guard let pairs = Spectral.eigenpairs(jacobian(s)) else { return [] }
    let grow = pairs.filter { $0.value.magnitude > 1 + tolerance && $0.value.im >= 0 }.sorted {
      $0.value.magnitude > $1.value.magnitude
    }
    return grow.flatMap { p -> [[Double]] in
      p.value.im == 0 ? [p.re] : [p.re, p.im].map(Self.normalised)
    }
  }

  static func normalised(_ v: [Double]) -> [Double] {
    let n = euclideanNorm(v)
    return n > 0 ? v.map { $0 / n } : v
  }

  /// One start's descent as `find` runs it (Levenberg–Marquardt, then the probes of a slow end):
  /// `start` is its index among the starts, which seeds the probes.
  public func descent(from s0: [Double], start: Int, options o: Options) -> Descent {
    probed(minimise(from: s0, options: o), start, o)
  }
}
