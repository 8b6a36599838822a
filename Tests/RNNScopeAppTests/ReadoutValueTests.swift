import Testing

@testable import RNNScopeApp

/// The readout's unit values fit their five columns whatever their size, without a cut exponent.
struct ReadoutValueTests {
  @Test(arguments: [
    (0.734, "+0.73"), (-0.001, "-0.00"), (-1.3e-5, "-0.00"), (0, "+0.00"), (-9.999, "-10.0"),
    (12.34, "+12.3"), (-456.2, "-456"), (74.4, "+74.4"), (3.2e12, "+3e12"), (-4.1e264, "-e264"),
    (1234, "+1e3"), (.infinity, "+Inf"), (.nan, "NaN"),
  ])
  func valuesFitFiveColumns(_ v: Double, _ shown: String) {
    #expect(ReadoutPanel.fiveWide(v) == shown)
    #expect(ReadoutPanel.fiveWide(v).count <= 5)
  }
}
