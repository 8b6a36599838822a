import Testing

@testable import RNNScopeApp

/// The gradient panel's hint before a backward pass is whole at every size: a narrow panel gets a
/// shorter wording, never a cut one.
struct GradientHintTests {
  @Test(arguments: [(120, 40), (80, 24)])
  func theHintIsWhole(_ width: Int, _ height: Int) throws {
    var s = try ScopeState()
    for _ in 0..<20 { _ = s.handle(.char(" ")) }
    s.apply(.view(ViewDirection(panel: .gradient)))
    let g = ScopeGrid(s, width: width, height: height)
    let r = try #require(g.rect(.gradient), "\(width)×\(height): the gradient panel is on")
    let rows = (r.y + 1..<r.maxY - 1).map {
      g.text($0, r.x + 1, r.maxX - 1).trimmingCharacters(in: .whitespaces)
    }
    let hint = rows.first { !$0.isEmpty }
    #expect(
      hint == "press b to backpropagate through the 20 steps taken"
        || hint == "b backpropagates 20 steps", "\(width)×\(height): \(hint ?? "none")")
  }
}
