import Foundation
import FoundationXML
import Testing

@testable import RNNViews

/// The SVG of a cell grid: valid XML, the grid's size, each cell's colours and characters where the
/// grid has them, block elements and braille as shapes.
struct SVGWriterTests {
  let cw = SVGWriter.cellWidth
  let ch = SVGWriter.cellHeight

  /// Every element of the document, in document order.
  static func elements(_ svg: String) throws -> [XMLElement] {
    let doc = try XMLDocument(xmlString: svg)
    var out: [XMLElement] = []
    func walk(_ e: XMLElement) {
      out.append(e)
      for c in e.children ?? [] { if let x = c as? XMLElement { walk(x) } }
    }
    if let root = doc.rootElement() { walk(root) }
    return out
  }

  /// (From the attribute list: corelibs' `attribute(forName:)` misses some names.)
  static func attr(_ e: XMLElement, _ name: String) -> String? {
    e.attributes?.first { $0.name == name }?.stringValue
  }

  /// The fill of the last rectangle covering the cell's centre (later ones are drawn on top).
  static func backgroundFill(_ els: [XMLElement], x: Int, y: Int) -> String? {
    let cx = Double(x * SVGWriter.cellWidth) + Double(SVGWriter.cellWidth) / 2
    let cy = Double(y * SVGWriter.cellHeight) + Double(SVGWriter.cellHeight) / 2
    return els.filter { $0.name == "rect" }.last { e in
      let rx = Double(attr(e, "x") ?? "0")!
      let ry = Double(attr(e, "y") ?? "0")!
      let w = Double(attr(e, "width")!)!
      let h = Double(attr(e, "height")!)!
      return rx <= cx && cx < rx + w && ry <= cy && cy < ry + h
    }.flatMap { attr($0, "fill") }
  }

  /// The character drawn as text at the cell and its text element's fill.
  static func textAt(_ els: [XMLElement], x: Int, y: Int) -> (String, String)? {
    for t in els where t.name == "text" {
      guard attr(t, "y") == "\(y * SVGWriter.cellHeight + SVGWriter.baseline)" else { continue }
      for span in (t.children ?? []).compactMap({ $0 as? XMLElement })
      where attr(span, "x") == "\(x * SVGWriter.cellWidth)" {
        return (span.stringValue ?? "", attr(t, "fill") ?? "")
      }
    }
    return nil
  }

  func sample() -> CellGrid {
    var g = CellGrid(width: 12, height: 4)
    g.text(0, 0, "a<b&c>\"d'", fg: .rgb(RGB(250, 200, 60)), bold: true)
    g.text(0, 1, "plain")
    g[3, 2] = Cell("x", fg: .rgb(RGB(1, 2, 3)), bg: .rgb(RGB(12, 34, 56)))
    g[5, 2] = Cell("▀", fg: .rgb(RGB(200, 10, 10)), bg: .rgb(RGB(10, 10, 200)))
    g[6, 2] = Cell("\u{28FF}", fg: .rgb(RGB(90, 170, 250)))
    g[7, 2] = Cell("─", fg: .rgb(RGB(110, 110, 120)))
    // A control character set directly (put would have replaced it) and U+FFFF.
    g[0, 3] = Cell("\u{07}")
    g[1, 3] = Cell("\u{FFFF}")
    return g
  }

  @Test func theSVGIsXMLOfTheGridsSize() throws {
    let g = sample()
    for theme in SVGTheme.all {
      let svg = SVGWriter.svg(g, theme: theme)
      let doc = try XMLDocument(xmlString: svg)
      let root = try #require(doc.rootElement())
      #expect(root.name == "svg")
      #expect(Self.attr(root, "width") == "\(12 * cw)")
      #expect(Self.attr(root, "height") == "\(4 * ch)")
      #expect(Self.attr(root, "viewBox") == "0 0 \(12 * cw) \(4 * ch)")
    }
  }

  @Test func eachCellHasItsColoursAndCharacter() throws {
    let els = try Self.elements(SVGWriter.svg(sample(), theme: .dark))
    // An explicit background and foreground: the exact RGB.
    #expect(Self.backgroundFill(els, x: 3, y: 2) == "#0c2238")
    #expect(Self.textAt(els, x: 3, y: 2)! == ("x", "#010203"))
    // Escaped text reads back as itself, bold where the cells are.
    let row = (0..<9).compactMap { Self.textAt(els, x: $0, y: 0)?.0 }.joined()
    #expect(row == "a<b&c>\"d'")
    #expect(Self.textAt(els, x: 0, y: 0)!.1 == "#fac83c")
    let bold = els.first { $0.name == "text" && Self.attr($0, "fill") == "#fac83c" }
    #expect(bold.flatMap { Self.attr($0, "font-weight") } == "bold")
    // Characters XML cannot carry are drawn as "�".
    #expect(Self.textAt(els, x: 0, y: 3)!.0 == "\u{FFFD}")
    #expect(Self.textAt(els, x: 1, y: 3)!.0 == "\u{FFFD}")
  }

  @Test func theDefaultColoursAreTheThemes() throws {
    for theme in SVGTheme.all {
      let els = try Self.elements(SVGWriter.svg(sample(), theme: theme))
      #expect(Self.backgroundFill(els, x: 0, y: 1) == SVGWriter.hex(theme.background))
      #expect(Self.textAt(els, x: 0, y: 1)! == ("p", SVGWriter.hex(theme.foreground)))
    }
    #expect(SVGTheme.dark.background != SVGTheme.light.background)
  }

  @Test func blocksBrailleAndLinesAreShapesNotText() throws {
    let els = try Self.elements(SVGWriter.svg(sample(), theme: .dark))
    for x in 5...7 { #expect(Self.textAt(els, x: x, y: 2) == nil) }
    // ▀: the upper half in the foreground over the lower half's background.
    let upper = els.filter {
      $0.name == "rect" && Self.attr($0, "x") == "\(5 * cw)"
        && Self.attr($0, "y") == "\(2 * ch)" && Self.attr($0, "height") == "\(ch / 2)"
    }
    #expect(upper.map { Self.attr($0, "fill") } == ["#c80a0a"])
    #expect(Self.backgroundFill(els, x: 5, y: 2) != nil)
    // ⣿: eight dots, in the foreground, inside the cell.
    let dots = els.filter { $0.name == "circle" }
    #expect(dots.count == 8)
    for d in dots {
      #expect(Self.attr(d, "fill") == "#5aaafa")
      let cx = Double(Self.attr(d, "cx")!)!
      let cy = Double(Self.attr(d, "cy")!)!
      #expect(cx > Double(6 * cw) && cx < Double(7 * cw))
      #expect(cy > Double(2 * ch) && cy < Double(3 * ch))
    }
  }

  @Test func brailleDotsFollowThePatternsBits() {
    // Dots 1 and 8: the top left and the bottom right.
    #expect(CellShape.shapes("\u{2881}") == [.dot(x: 0.25, y: 0.125), .dot(x: 0.75, y: 0.875)])
    #expect(CellShape.shapes("\u{2800}") == [])
    #expect(CellShape.shapes("a") == nil)
    #expect(
      CellShape.shapes("▄") == [.rect(x: 0, y: 0.5, width: 1, height: 0.5, opacity: 1)])
    #expect(CellShape.shapes("█") == [.rect(x: 0, y: 0, width: 1, height: 1, opacity: 1)])
    #expect(CellShape.shapes("▐") == [.rect(x: 0.5, y: 0, width: 0.5, height: 1, opacity: 1)])
    // Lines: a straight one a single rectangle across the cell, a corner two arms meeting.
    #expect(CellShape.shapes("─") == [.rect(x: 0, y: 0.45, width: 1, height: 0.1, opacity: 1)])
    #expect(CellShape.shapes("┼")?.count == 2)
    #expect(
      CellShape.shapes("┌") == [
        .rect(x: 0.4, y: 0.45, width: 0.6, height: 0.1, opacity: 1),
        .rect(x: 0.4, y: 0.45, width: 0.2, height: 0.55, opacity: 1),
      ])
  }

  @Test func aRectangleOfTheGridIsDrawnAlone() throws {
    let g = sample()
    let svg = SVGWriter.svg(g, rect: Rect(x: 3, y: 2, width: 2, height: 1))
    let els = try Self.elements(svg)
    #expect(Self.attr(els[0], "viewBox") == "0 0 \(2 * cw) \(ch)")
    #expect(Self.backgroundFill(els, x: 0, y: 0) == "#0c2238")
    #expect(Self.textAt(els, x: 0, y: 0)! == ("x", "#010203"))
    // Beyond the grid: clipped to it.
    let clipped = try Self.elements(SVGWriter.svg(g, rect: Rect(x: 10, y: 3, width: 9, height: 9)))
    #expect(Self.attr(clipped[0], "width") == "\(2 * cw)")
  }
}
