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

  /// The RGB of xterm colour i, 16 … 255: the 6×6×6 cube, then the grey ramp.
  func xtermRGB(_ i: Int) -> (Int, Int, Int) {
    if i >= 232 { return (8 + 10 * (i - 232), 8 + 10 * (i - 232), 8 + 10 * (i - 232)) }
    let c = i - 16
    let l = ColorQuantizer.cubeLevels
    return (l[c / 36], l[c / 6 % 6], l[c % 6])
  }

  /// With 256 colours a map's colours become their nearest cube or grey entries (never the 16
  /// colours a terminal's theme redefines): every palette's maps, sampled finely.
  @Test func mapsQuantiseToTheirNearestCubeOrGreyEntry() {
    for palette in Palette.allCases {
      for k in 0...200 {
        let f = Double(k) / 200
        for c in [palette.sequential(f), palette.diverging(2 * f - 1)] {
          let i = ColorQuantizer.xterm256(c)
          #expect(i >= 16 && i <= 255)
          let best = (16...255).map { ColorQuantizer.dist(xtermRGB($0), c) }.min()!
          #expect(ColorQuantizer.dist(xtermRGB(i), c) == best, "\(palette) \(f): \(c) → \(i)")
        }
      }
    }
  }

  @Test func asciiFallbackCoversTheViewsCharacters() {
    for ch in "─│┌┐└┘┤━▀█▁▲◆␣‖∂σφ✓✗·—•×░▓".unicodeScalars {
      #expect(ASCIIFallback.scalar(for: ch).isASCII, "\(ch)")
      #expect(ASCIIFallback.scalar(for: ch) != "?", "\(ch) has a stand-in")
    }
    #expect(ASCIIFallback.scalar(for: "⣿") == ".")
    #expect(ASCIIFallback.scalar(for: "a") == "a")
  }
}

/// The maps with 256 colours: entries of the cube and grey ramp the terminal shows as they are,
/// near the map's own colours, and in the map's order of lightness.
struct IndexedRampTests {
  func lightness(_ c: RGB) -> Double { IndexedRamp.lab(c).l }

  @Test func rampColoursAreXtermEntriesTheQuantiserKeeps() {
    for ramp in [
      Palette.coolWarm256, Palette.blueOrange256, Palette.viridis256, Palette.cividis256,
    ] {
      for c in ramp.colors {
        let i = ColorQuantizer.xterm256(c)
        #expect(i >= 16 && i <= 255)
        #expect(IndexedRamp.entries[i - 16] == c, "\(c) is entry \(i)")
      }
    }
  }

  @Test func sequentialRampsBrightenAndDivergingOnesDarkenAwayFromTheMiddle() {
    for ramp in [Palette.viridis256, Palette.cividis256] {
      let l = ramp.colors.map(lightness)
      #expect(zip(l, l.dropFirst()).allSatisfy { $0 <= $1 })
      #expect(Set(ramp.colors).count >= 10)
    }
    for ramp in [Palette.coolWarm256, Palette.blueOrange256] {
      let l = ramp.colors.map(lightness)
      #expect(zip(l[..<32], l[1...32]).allSatisfy { $0 <= $1 })
      #expect(zip(l[32...], l[33...]).allSatisfy { $0 >= $1 })
    }
  }

  @Test func rampColoursStayNearTheMapsOwn() {
    // Within 18 of the map's lightness, and of a hue within 30° (or grey where the map is greyish).
    for (ramp, lower, map) in [
      (Palette.cividis256, 0.0, { Palette.cividis.sequential($0) }),
      (Palette.viridis256, 0.0, { Palette.standard.sequential($0) }),
      (Palette.blueOrange256, -1.0, { Palette.cividis.diverging($0) }),
      (Palette.coolWarm256, -1.0, { Palette.standard.diverging($0) }),
    ] as [(IndexedRamp, Double, (Double) -> RGB)] {
      for (k, c) in ramp.colors.enumerated() {
        let want = IndexedRamp.lab(map(lower + (1 - lower) * Double(k) / 64))
        let got = IndexedRamp.lab(c)
        #expect(abs(got.l - want.l) <= 18, "sample \(k): \(c), L \(got.l) for \(want.l)")
        #expect(IndexedRamp.related(got, want), "sample \(k): \(c)")
      }
    }
    // Cividis' middle, olive grey, is never drawn pink (175, 135, 135), as the nearest entry by RGB
    // distance would.
    #expect(!Palette.cividis256.colors.contains(RGB(175, 135, 135)))
    #expect(
      !IndexedRamp.related(IndexedRamp.lab(RGB(175, 135, 135)), IndexedRamp.lab(RGB(163, 154, 116)))
    )
    #expect(ColorQuantizer.xterm256(Palette.cividis.sequential(0.66)) == 16 + 36 * 3 + 6 * 2 + 2)
  }
}
