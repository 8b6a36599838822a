import Testing

@testable import RNNCore

/// Principal components through LAPACK against states built on known axes with known variances.
struct PrincipalComponentsTests {
  /// States c + t·u + s·w with u ⟂ w unit vectors, t and s centred and uncorrelated: the axes are
  /// u and w (signs as fixed), the variances var(t) = 2.5 and var(s) = 1, nothing else.
  @Test func knownAxesAndVariances() throws {
    let u = [0.6, 0.8, 0, 0]
    let w = [0, 0, -1.0, 0]
    let c = [1.0, -2, 3, 0.5]
    let t: [Double] = [-2, -1, 0, 1, 2]
    let s: [Double] = [1, -1, 0, -1, 1]
    let states = zip(t, s).map { a, b in (0..<4).map { c[$0] + a * u[$0] + b * w[$0] } }
    let p = try #require(PrincipalComponents(states))
    #expect(zip(p.mean, c).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(abs(p.variances[0] - 2.5) < 1e-12)
    #expect(abs(p.variances[1] - 1) < 1e-12)
    #expect(p.variances.dropFirst(2).allSatisfy { abs($0) < 1e-12 })
    // u's largest entry is positive already; w's is −1, so its axis is −w.
    #expect(zip(p.axes[0], u).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(zip(p.axes[1], w).allSatisfy { abs($0 + $1) < 1e-12 })
    #expect(abs(p.shares[0] - 2.5 / 3.5) < 1e-12)
    // Projections give back t and −s.
    for (k, x) in states.enumerated() {
      let v = p.project(x, onto: [0, 1])
      #expect(abs(v[0] - t[k]) < 1e-12 && abs(v[1] + s[k]) < 1e-12)
    }
  }

  /// Random states: orthonormal axes, and each axis's variance is that of the projections on it.
  @Test func axesAreOrthonormalAndCarryTheirVariance() throws {
    var g = SeededGenerator(seed: 5)
    let states = (0..<30).map { _ in (0..<6).map { _ in Double.random(in: -1...1, using: &g) } }
    let p = try #require(PrincipalComponents(states))
    for i in 0..<6 {
      for j in 0..<6 {
        let d = zip(p.axes[i], p.axes[j]).map(*).reduce(0, +)
        #expect(abs(d - (i == j ? 1 : 0)) < 1e-12)
      }
      let v = states.map { p.project($0, onto: [i])[0] }
      let variance = v.map { $0 * $0 }.reduce(0, +) / 29
      #expect(abs(variance - p.variances[i]) < 1e-12)
    }
    #expect(zip(p.variances, p.variances.dropFirst()).allSatisfy { $0 >= $1 })
    #expect(PrincipalComponents([[1, 2]]) == nil, "one state has no spread")
    #expect(PrincipalComponents([[1, .nan], [0, 1]]) == nil)
  }
}
