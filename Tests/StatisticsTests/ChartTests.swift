import PNGCodec
import Rasterizer
import SceneModel
import Testing

@testable import Statistics

/// The bitmap font draws what it claims, and charts are valid PNGs with something drawn.
@Suite struct ChartTests {
    static let white = RGB(255, 255, 255)

    static func inked(_ c: Canvas, background: RGB = white) -> Int {
        (0..<c.height).reduce(0) { n, y in n + (0..<c.width).filter { c.pixel(x: $0, y: y) != background }.count }
    }

    @Test func everyClaimedGlyphRendersItsOwnBitmap() {
        #expect(BitmapFont.supported.count == 95)
        var seen: [[UInt8]: Character] = [:]
        for c in BitmapFont.supported {
            let rows = BitmapFont.glyph(c)
            #expect(rows.count == BitmapFont.glyphHeight)
            #expect(rows.allSatisfy { $0 < 0x20 }, "glyph '\(c)' uses more than 5 columns")
            #expect(rows != BitmapFont.missing, "glyph '\(c)' is the missing-glyph box")
            if let other = seen[rows] { Issue.record("'\(c)' and '\(other)' share a bitmap") }
            seen[rows] = c
            // Drawn at scale 2 on a margin: exactly the glyph's bits, each as a 2x2 block, inside its cell.
            var canvas = Canvas(width: 20, height: 24, background: Self.white)
            BitmapFont.draw(String(c), x: 3, y: 4, scale: 2, color: RGB(0, 0, 0), on: &canvas)
            let bits = rows.reduce(0) { $0 + $1.nonzeroBitCount }
            #expect(Self.inked(canvas) == bits * 4, "glyph '\(c)'")
            for y in 0..<canvas.height {
                for x in 0..<canvas.width where canvas.pixel(x: x, y: y) != Self.white {
                    #expect(x >= 3 && x < 13 && y >= 4 && y < 18, "glyph '\(c)' draws outside its cell")
                }
            }
            if c != " " { #expect(bits > 0, "glyph '\(c)' is empty") }
        }
        // Characters outside ASCII get the box, drawn too.
        #expect(BitmapFont.glyph("红") == BitmapFont.missing)
        var canvas = Canvas(width: 8, height: 9, background: Self.white)
        BitmapFont.draw("红", x: 1, y: 1, scale: 1, color: RGB(0, 0, 0), on: &canvas)
        #expect(Self.inked(canvas) == 20)
        #expect(BitmapFont.width(of: "abc", scale: 2) == 34)
    }

    @Test func ticksAreNiceAndCoverTheMaximum() {
        #expect(BarChart.ticks(maximum: 37, style: .count) == (step: 10, top: 40))
        #expect(BarChart.ticks(maximum: 3, style: .count) == (step: 1, top: 3))
        #expect(BarChart.ticks(maximum: 1234, style: .count) == (step: 500, top: 1500))
        #expect(BarChart.ticks(maximum: 0.42, style: .percent) == (step: 0.1, top: 0.5))
        #expect(BarChart.ticks(maximum: 0, style: .count).top > 0)
    }

    @Test func barChartsDrawBarsInTheirColorsAndDecode() throws {
        let red = RGB(220, 30, 40)
        for orientation in [BarChart.Orientation.vertical, .horizontal] {
            let chart = BarChart(
                title: "Test chart", bars: [Bar(label: "red", value: 7, color: red), Bar(label: "plain", value: 3)],
                orientation: orientation, categoryTitle: "kind", valueTitle: "count")
            let canvas = chart.render()
            let png = try PNGDecoder.decode(try chart.png())
            #expect(png.width == canvas.width && png.height == canvas.height)
            #expect(png.rgb == canvas.pixels)
            let colored = (0..<canvas.height).reduce(0) { n, y in
                n + (0..<canvas.width).filter { canvas.pixel(x: $0, y: y) == red }.count
            }
            #expect(colored > 100, "\(orientation)")
            #expect(Self.inked(canvas) > colored)
        }
        // An empty chart still renders (axes, title).
        let empty = BarChart(title: "Empty", bars: [], orientation: .vertical).render()
        #expect(Self.inked(empty) > 0)
    }

    @Test func heatMapShadesBusyCells() {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 4), count: 4)
        counts[0][0] = 10
        counts[3][2] = 1
        let c = HeatMap(title: "Centers", counts: counts, imageWidth: 256, imageHeight: 128).render()
        #expect(c.width > 480)
        #expect(c.pixels.count == c.width * c.height * 3)
        // The busiest cell has the darkest ramp color; empty cells the grey.
        let top = HeatMap.color(1)
        let cellsTop = (0..<c.height).reduce(0) { n, y in n + (0..<c.width).filter { c.pixel(x: $0, y: y) == top }.count
        }
        #expect(cellsTop > 100)
        let grey = (0..<c.height).reduce(0) { n, y in
            n + (0..<c.width).filter { c.pixel(x: $0, y: y) == HeatMap.empty }.count
        }
        #expect(grey > 480 * 240 / 2)
    }
}
