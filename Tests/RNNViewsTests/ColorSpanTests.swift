import Testing

@testable import RNNViews

/// The colour span that follows the data: symmetric for signed values, covering for gates.
struct ColorSpanTests {
  @Test func symmetricSpanIsTheLargestMagnitudeRoundedUpToANiceNumber() {
    #expect(
      ColorSpan.symmetric([0.1, -0.45, 0.3]) == ColorSpan(lower: -0.5, upper: 0.5, fromData: true))
    #expect(ColorSpan.symmetric([0.3]).limit == 0.3)
    #expect(ColorSpan.symmetric([0.31]).limit == 0.4)
    #expect(ColorSpan.symmetric([-0.81]).limit == 1)
    #expect(ColorSpan.symmetric([1.2, .nan, -.infinity]).limit == 1.5)
    #expect(ColorSpan.symmetric([7]).limit == 8)
    #expect(ColorSpan.symmetric([2.2e-4]).limit == 2.5e-4)
    // Nothing finite and nonzero: ±1, still said to come from the data.
    #expect(ColorSpan.symmetric([0, .nan]) == ColorSpan(lower: -1, upper: 1, fromData: true))
    #expect(ColorSpan.symmetric([Double]()).limit == 1)
  }

  @Test func coveringSpanRoundsOutToTwentieths() {
    #expect(
      ColorSpan.covering([0.47, 0.53, .nan]) == ColorSpan(lower: 0.45, upper: 0.55, fromData: true))
    #expect(ColorSpan.covering([0.5, 0.5]) == ColorSpan(lower: 0.5, upper: 0.55, fromData: true))
    #expect(ColorSpan.covering([1, 1]) == ColorSpan(lower: 0.95, upper: 1, fromData: true))
    #expect(ColorSpan.covering([0.02, 0.98]) == ColorSpan(lower: 0, upper: 1, fromData: true))
    #expect(ColorSpan.covering([Double]()) == ColorSpan(lower: 0, upper: 1, fromData: true))
    #expect(ColorSpan.unit == ColorSpan(lower: 0, upper: 1, fromData: false))
  }

  @Test func compactNumbersForTheLegends() {
    #expect(NumberFormat.compact(-1) == "-1")
    #expect(NumberFormat.compact(0.45) == "0.45")
    #expect(NumberFormat.compact(0.15000000000000002) == "0.15")
    #expect(NumberFormat.compact(2.5e-4) == "0.00025")
    #expect(NumberFormat.compact(1.5e-7) == "1.5e-7")
  }
}
