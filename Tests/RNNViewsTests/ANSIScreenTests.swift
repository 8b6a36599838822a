import Testing

@testable import RNNViews

/// The cell grid as terminal text, byte for byte, and the asciicast lines around it.
struct ANSIScreenTests {
  let red = TermColor.rgb(RGB(255, 0, 0))
  let blue = TermColor.rgb(RGB(0, 0, 200))

  @Test func aWholeSmallGridIsClearedThenDrawnCellByCellWithItsStyles() {
    var g = CellGrid(width: 4, height: 2)
    g.put(0, 0, "a", fg: red)
    g.put(1, 0, "b", fg: red, bold: true)
    g.put(3, 1, "c", bg: blue)
    let esc = "\u{1B}["
    // Row 1: a run over a and b (the two blanks after them are left: nothing to draw there);
    // row 2: c alone, the three default blanks before it already cleared.
    let expected =
      esc + "0m" + esc + "H" + esc + "2J"
      + esc + "1;1H" + esc + "0;38;2;255;0;0ma" + esc + "0;1;38;2;255;0;0mb"
      + esc + "2;4H" + esc + "0;48;2;0;0;200mc"
    #expect(ANSIScreen.full(g) == expected)
  }

  @Test func aDiffRewritesOnlyTheChangedRunsAndBridgesShortGaps() {
    var old = CellGrid(width: 12, height: 2)
    old.text(0, 0, "hello world!")
    var new = old
    new.put(1, 0, "E")
    new.put(3, 0, "L")  // a gap of one unchanged cell: bridged
    new.put(10, 0, "D")  // six unchanged before it: a jump
    new.put(0, 1, "x", fg: red)
    let esc = "\u{1B}["
    let expected =
      esc + "1;2H" + esc + "0mElL" + esc + "1;11HD" + esc + "2;1H" + esc + "0;38;2;255;0;0mx"
    #expect(ANSIScreen.diff(from: old, to: new) == expected)
    #expect(ANSIScreen.diff(from: new, to: new) == "")
    // Another size: drawn whole.
    let other = CellGrid(width: 3, height: 1)
    #expect(ANSIScreen.diff(from: new, to: other) == ANSIScreen.full(other))
  }

  @Test func aControlCharacterInACellNeverGoesOut() {
    var g = CellGrid(width: 2, height: 1)
    g[0, 0] = Cell("\u{1B}")
    g[1, 0] = Cell("\u{9B}")
    let s = ANSIScreen.full(g)
    #expect(s.hasSuffix("\u{FFFD}\u{FFFD}"))
    #expect(s.unicodeScalars.filter { $0 == "\u{9B}" }.isEmpty)
    #expect(s.unicodeScalars.filter { $0 == "\u{1B}" }.count == 5)  // its own five sequences
  }

  @Test func asciicastLinesAreJSONWithSixDecimalSeconds() {
    #expect(Asciicast.seconds(0) == "0.000000")
    #expect(Asciicast.seconds(1.5) == "1.500000")
    #expect(Asciicast.seconds(12.0000004) == "12.000000")
    #expect(Asciicast.seconds(-3) == "0.000000")
    #expect(Asciicast.json("a\"b\\c\n\u{1B}[0m é") == "\"a\\\"b\\\\c\\n\\u001b[0m é\"")
    #expect(Asciicast.output(0.25, "\u{1B}[H") == "[0.250000, \"o\", \"\\u001b[H\"]")
    #expect(Asciicast.marker(2, "The RNN") == "[2.000000, \"m\", \"The RNN\"]")
    #expect(Asciicast.resize(3, width: 80, height: 24) == "[3.000000, \"r\", \"80x24\"]")
    let h = Asciicast.header(
      width: 80, height: 24, timestamp: 7, title: "T", command: "rnnscope",
      env: [("TERM", "xterm-256color"), ("SHELL", "/bin/sh")])
    #expect(
      h
        == "{\"version\": 2, \"width\": 80, \"height\": 24, \"timestamp\": 7, \"title\": \"T\", "
        + "\"command\": \"rnnscope\", "
        + "\"env\": {\"TERM\": \"xterm-256color\", \"SHELL\": \"/bin/sh\"}}"
    )
    #expect(
      Asciicast.header(width: 1, height: 2) == "{\"version\": 2, \"width\": 1, \"height\": 2}")
  }
}
