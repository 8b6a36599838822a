import Testing

@testable import RNNViews
@testable import TerminalScreen

/// RGB → the palettes terminals have, and ASCII stand-ins for non-UTF-8 locales.
struct ColorQuantizerTests {
  @Test func xterm256PicksTheCubeOrTheGreyRamp() {
    #expect(ColorQuantizer.xterm256(RGB(255, 0, 0)) == 196)
    #expect(ColorQuantizer.xterm256(RGB(0, 0, 255)) == 21)
    #expect(ColorQuantizer.xterm256(RGB(0, 0, 0)) == 16)
    #expect(ColorQuantizer.xterm256(RGB(128, 128, 128)) == 244)  // the grey ramp is closer
    #expect(ColorQuantizer.xterm256(RGB(95, 135, 175)) == 16 + 36 * 1 + 6 * 2 + 3)
  }

  @Test func ansi8PicksTheNearestBasicColour() {
    #expect(ColorQuantizer.ansi8(RGB(230, 20, 20)) == 1)  // red
    #expect(ColorQuantizer.ansi8(RGB(40, 40, 230)) == 4)  // blue
    #expect(ColorQuantizer.ansi8(RGB(240, 240, 240)) == 7)  // white
    #expect(ColorQuantizer.ansi8(RGB(10, 10, 10)) == 0)
    // The diverging map's ends stay blue and red even with 8 colours.
    #expect(ColorQuantizer.ansi8(Colormap.diverging(-1)) == 4)
    #expect(ColorQuantizer.ansi8(Colormap.diverging(1)) == 1)
  }

  @Test func asciiFallbackCoversTheViewsCharacters() {
    for ch in "─│┌┐└┘┤━▀█▁▲◆␣‖∂σφ✓✗·—".unicodeScalars {
      #expect(ASCIIFallback.scalar(for: ch).isASCII, "\(ch)")
      #expect(ASCIIFallback.scalar(for: ch) != "?", "\(ch) has a stand-in")
    }
    #expect(ASCIIFallback.scalar(for: "⣿") == ".")
    #expect(ASCIIFallback.scalar(for: "a") == "a")
  }
}
